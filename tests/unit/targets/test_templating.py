"""Target environments: strict, and each template compiled once per process unless its source changes."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from kgen.targets.templating import environment


def test_a_template_compiles_once_for_every_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str | None] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(name)
        return original(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    first = environment("python").get_template("py.typed.jinja").render()
    compiled.clear()
    assert environment("python").get_template("py.typed.jinja").render() == first
    assert compiled == []


def test_an_edited_template_compiles_again(tmp_path: Path) -> None:
    template = tmp_path / "greeting.jinja"
    template.write_text("hello {{ name }}\n", "utf-8")
    assert environment(None, [tmp_path]).get_template("greeting.jinja").render(name="kgen") == "hello kgen\n"
    template.write_text("goodbye {{ name }}\n", "utf-8")
    assert environment(None, [tmp_path]).get_template("greeting.jinja").render(name="kgen") == "goodbye kgen\n"


def test_undefined_values_are_errors(tmp_path: Path) -> None:
    (tmp_path / "strict.jinja").write_text("{{ missing }}", "utf-8")
    with pytest.raises(jinja2.UndefinedError):
        environment(None, [tmp_path]).get_template("strict.jinja").render()
