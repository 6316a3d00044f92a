"""Template views: each built-in template is filled by one frozen view that declares exactly the variables it reads."""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass

import jinja2
import jinja2.meta
import pytest

from kgen.targets import views
from kgen.targets.templating import environment, templates_root

TARGETS = ("python", "typescript", "go", "java")


def _views_of(target: str) -> dict[str, type[views.View]]:
    module = importlib.import_module(f"kgen.targets.{target}.views")
    found = [c for c in vars(module).values() if isinstance(c, type) and issubclass(c, views.View) and "TEMPLATE" in vars(c)]
    return {c.TEMPLATE: c for c in found}


@pytest.mark.parametrize("target", TARGETS)
def test_every_template_has_a_view_declaring_what_it_reads(target: str) -> None:
    env = environment(target)
    # a template named _x is a part others include: it reads their variables
    templates = sorted(p.name for p in (templates_root() / target).glob("*.jinja") if not p.name.startswith("_"))
    by_template = _views_of(target)
    assert sorted(by_template) == templates
    for name, view in by_template.items():
        source = env.loader.get_source(env, name)[0] if env.loader else ""
        read = jinja2.meta.find_undeclared_variables(env.parse(source))
        declared = {f.name for f in dataclasses.fields(view)}
        assert read <= declared, (name, read - declared)


@pytest.mark.parametrize("target", TARGETS)
def test_views_are_frozen(target: str) -> None:
    for view in _views_of(target).values():
        assert view.__dataclass_params__.frozen, view  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Greeting(views.View):
    TEMPLATE = "greeting.txt"
    name: str
    items: list[str]


def test_render_passes_fields_by_name() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"greeting.txt": "{{ name }}:{% for i in items %} {{ i }}{% endfor %}"}), undefined=jinja2.StrictUndefined)
    assert views.render(env, _Greeting("kgen", ["a", "b"])) == "kgen: a b"


def test_a_template_reading_an_undeclared_variable_fails() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"greeting.txt": "{{ title }}"}), undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.UndefinedError):
        views.render(env, _Greeting("kgen", []))


def test_a_class_files_t_names_a_type_subscripted_or_called_and_records_each_ask() -> None:
    """Built-in templates subscript `t` (cheaper in Jinja); a template pack written to call it keeps working."""
    asked: list[str] = []

    def spell(name: str) -> str:
        asked.append(name)
        return name.rsplit(".", 1)[-1]

    template = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string("{{ t['java.util.Map'] }}<{{ t('java.util.List') }}>")
    assert template.render(t=views.Names(spell)) == "Map<List>"
    assert asked == ["java.util.Map", "java.util.List"]
