"""layout.* produce what black produces, so that generated files need no formatting."""

from __future__ import annotations

import black
import pytest

from kgen.targets.python import encode, layout
from kgen.targets.python.formatting import needs_black

MODE = black.Mode(target_versions={black.TargetVersion.PY310})


def _stable(source: str) -> None:
    """Black changes nothing, or the file is one the formatting step sends through black."""
    assert black.format_str(source, mode=MODE) == source or needs_black(source)


@pytest.mark.parametrize("n", [1, 3, 8, 20])
def test_signatures(n: int) -> None:
    args = ["self"] + [f"argument_{i}: str | None = None" for i in range(n)]
    _stable("class A:\n" + layout.bracket("def method(", args, ") -> int:", "    ") + "\n        return 1\n")


@pytest.mark.parametrize("n", [1, 4, 30])
def test_collections_and_imports(n: int) -> None:
    names = [f'"Name{i}"' for i in range(n)]
    _stable(layout.bracket("__all__ = [", names, "]", collection=True) + "\n")
    _stable(layout.import_from("package.module", [f"Name{i}" for i in range(n)]) + "\n")


@pytest.mark.parametrize("annotation", ["int | None", "list[VeryLongModelNameForTesting" + "X" * 40 + "] | None", "A" * 70 + " | None", "B" * 90, "list[" + "C" * 90 + "]"])
@pytest.mark.parametrize("value", ["", "None", 'field(name="someWireName", default=None)'])
def test_annotated_assignments(annotation: str, value: str) -> None:
    if not value and annotation.endswith("None"):
        value = "None"
    _stable("class A:\n" + layout.annotated("some_attribute_name", annotation, value, "    ") + "\n")


@pytest.mark.parametrize("brackets", ["{}", "()"])
@pytest.mark.parametrize("count", [1, 2, 5, 8, 12])
def test_keyword_collections_inside_a_call_are_laid_out_exactly(brackets: str, count: int) -> None:
    """A dict of wire names, or a tuple of required, header or form arguments (go-swagger's forms: 8 of them)."""
    for length in (4, 10, 30, 80):
        entries = [f'"key_{i}": "{"w" * length}{i}"' if brackets == "{}" else f'"{"a" * length}_{i}"' for i in range(count)]
        item = layout.keyword_collection("form", brackets, entries, layout.INDENT)
        _exact(layout.bracket("_OP = op(", ['"GET"', '"/a/path"', "Thing", item], ")") + "\n")


# Exactly black's layout, with no file left for black: the shapes CRD schemas give (long, dotted, nested
# names; unions; calls as values), at lengths on both sides of the limit (issue 17).
_TYPE_SHAPES = ["{n}", "{n}.Value", "dict[str, {n}.Value]", "list[{n}]", "list[dict[str, {n}]]", "dict[str, dict[str, {n}.Value]]", "{n} | int | str"]
_LENGTHS = [30, 55, 61, 66, 70, 74, 78, 82, 86, 95, 130]


def _exact(source: str) -> None:
    assert not needs_black(source), source
    assert black.format_str(source, mode=MODE) == source


@pytest.mark.parametrize("shape", _TYPE_SHAPES)
@pytest.mark.parametrize("optional", [False, True])
@pytest.mark.parametrize("value", ["", 'msgspec.field(name="wireName")'])
def test_annotations_of_any_length_are_laid_out_exactly(shape: str, optional: bool, value: str) -> None:
    for length in _LENGTHS:
        annotation = shape.format(n="N" * length) + (" | None" if optional else "")
        default = ("None" if not value else value[:-1] + ", default=None)") if optional else value
        for attr in ("a", "attribute_name_long"):
            _exact("class A:\n" + layout.annotated(attr, annotation, default, "    ") + "\n")


@pytest.mark.parametrize("text", ["V", 'a"b', "\u00e9", "\u4e2d"])
def test_enum_constants_of_any_length_are_laid_out_exactly(text: str) -> None:
    """Long protobuf-style values (temporal's ACTIVITY_ID_REUSE_POLICY_...) sent every models file through black."""
    for name_length in (55, 70, 74, 75, 82, 90):
        for repeat in (1, 30, 76, 80, 120):
            literal = encode.string_literal(text * repeat)
            _exact("class A:\n" + layout.annotated("N" * name_length, "Final", literal, "    ") + "\n")


@pytest.mark.parametrize(("brackets", "empty"), [("{}", 'form={"k": ""}'), ("()", 'form=("",)')])
@pytest.mark.parametrize("columns", [87, 88, 89])
def test_a_keyword_collection_that_fits_only_without_the_comma_after_it_is_exploded(brackets: str, empty: str, columns: int) -> None:
    """`    wire={...},` of 89 columns (kiali's byLabels[], filters[], quantiles[]): the comma after it counts."""
    value = "x" * (columns - len(layout.INDENT + empty))
    entry = f'"k": "{value}"' if brackets == "{}" else f'"{value}"'
    item = layout.keyword_collection("form", brackets, [entry], layout.INDENT)
    assert "\n" in item or len(layout.INDENT + item) == columns
    _exact(layout.bracket("_OP = op(", ['"GET"', '"/a/path"', "Thing", item], ")") + "\n")


_ALIAS_SHAPES = ["dict[str, {n}]", "dict[str, dict[str, dict[str, {n}]]]", "list[dict[str, {n}.Value]]", "list[{n} | int | str]", "{n} | None", "_mod.{n}", 'Literal["a", "b"] | {n}']


@pytest.mark.parametrize("shape", _ALIAS_SHAPES)
def test_alias_types_of_any_length_are_laid_out_exactly(shape: str) -> None:
    """go-swagger's NamedNestedMapComplex (a map of maps of maps) sent its models file through black."""
    for length in (10, 30, 50, 60, 66, 70, 75):
        for name in ("A", "NamedNestedMapComplex", "N" * 50):
            _exact(layout.annotated(name, "TypeAlias", shape.format(n="V" * length), "") + "\n")


@pytest.mark.parametrize("arguments", [3, 5])
def test_annotated_operation_constants_of_any_length_are_laid_out_exactly(arguments: int) -> None:
    """`_POST_...: Op[A | B] = op(...)` (go-swagger's GSMA API): black splits the annotation's brackets too."""
    for constant in (20, 40, 55, 70, 80):
        for model in (5, 15, 25, 35, 45):
            decode = f"_root.{'B' * model} | _root.RequestState"
            items = ['"POST"', '"/a/b"', decode, 'args=("a", "b")', "patch=True"][:arguments]
            _exact(layout.assigned_call(f"_{'C' * constant}: Op[{decode}]", "op", lambda indent, items=items: items) + "\n")


@pytest.mark.parametrize("length", [40, 60, 62, 64, 70, 84, 90])
def test_a_query_class_head_is_laid_out_exactly(length: int) -> None:
    """argo-workflows' ArchivedWorkflowServiceListArchivedWorkflowLabelValuesQuery."""
    _exact(layout.bracket(f"class {'Q' * length}(", ["TypedDict", "total=False"], "):") + "\n    pass\n")


_PARAMETER_SHAPES = ["{n} | None", "_root.{n} | None", "tuple[_root.{n}, _root.{n}2, _root.X] | None", "list[_root.{n}] | None", "_root.{n}"]


@pytest.mark.parametrize("shape", _PARAMETER_SHAPES)
@pytest.mark.parametrize("default", ["", " = None"])
def test_parameters_with_unions_or_defaults_of_any_length_are_laid_out_exactly(shape: str, default: str) -> None:
    """`body: _root.Order_request_class_used_to_provide_... | None = None` (an APIs.guru document): black parenthesises it."""
    for length in (20, 40, 60, 66, 70, 72, 74, 76, 80, 90):
        args = ["self", "*", "name: str", f"body: {shape.format(n='V' * length)}{default}"]
        _exact("class A:\n" + layout.signature("def create_thing(", args, "_root.Thing", "    ") + "\n        pass\n")


@pytest.mark.parametrize("length", [40, 60, 70, 75, 80, 90])
def test_an_operations_decode_type_is_split_at_its_brackets(length: int) -> None:
    """`list[_github_com_chaos_mesh_..._types.PhysicalMachine],` (chaos-mesh's dashboard API) as an argument of op()."""
    decode = f"list[_mod_{'m' * 20}.{'P' * length}]"
    _exact(layout.assigned_call("_LIST_THINGS", "op", lambda indent: ['"GET"', '"/a/b"', layout.type_argument(decode, indent)]) + "\n")


def test_a_star_import_black_cannot_shorten_needs_no_black() -> None:
    assert not needs_black(f"from kube.{'a' * 90}.models import *  # noqa: F403\n")


@pytest.mark.parametrize("returns", ["{n}", "_mod.{n}", "_mod.{n} | _meta_v1.Status", "Watch[_mod.{n}]"])
@pytest.mark.parametrize("query", ["Query", "{n}Query"])
def test_signatures_of_any_length_are_laid_out_exactly(returns: str, query: str) -> None:
    for length in _LENGTHS:
        n = "N" * length
        args = ["self", "name: str", f"**query: Unpack[{query.format(n=n)}]"]
        for head in ("def f(", "async def list_namespaced_thing_with_a_long_name("):
            _exact("class A:\n" + layout.signature(head, args, returns.format(n=n), "    ") + "\n        pass\n")


@pytest.mark.parametrize("length", [40, 70, 76, 80, 84, 90])
@pytest.mark.parametrize("path", ["/api/v1/things", "/apis/" + "p" * 78])
def test_an_assigned_call_takes_black_second_opinion(length: int, path: str) -> None:
    entries = [f'"key_{i}": "wireName{i}"' for i in range(3)]

    def arguments(indent: str) -> list[str]:
        return ['"GET"', f'"{path}"', "Thing", layout.keyword_collection("wire", "{}", entries, indent)]

    source = layout.assigned_call("_" + "N" * length, "op", arguments) + "\n"
    assert black.format_str(source, mode=MODE) == source


@pytest.mark.parametrize(
    "line",
    [
        "class " + "N" * 90 + ":",
        "    def " + "n" * 90 + "(",
        "import package." + "m" * 80 + " as _m",
        "    " + "N" * 80 + " as " + "N" * 80 + ",",
        "    body: _mod." + "N" * 90 + ",",
        "    ) -> " + "N" * 90 + ":",
    ],
)
def test_lines_black_cannot_shorten_are_not_flagged(line: str) -> None:
    from kgen.targets.python.formatting import _exempt

    assert _exempt(line, 88)
    prefix = {"    def": "class A:\n", "    ) ->": "class A:\n    def f(\n        self,\n", "    body": "def f(\n"}
    head = next((p for k, p in prefix.items() if line.startswith(k)), "")
    tail = {"class ": "\n    pass", "    def ": "\n        self,\n    ):\n        pass", "    body": "\n):\n    pass", "    ) ->": "\n        pass"}
    end = next((t for k, t in tail.items() if line.startswith(k)), "")
    source = head + line + end + "\n"
    if line.endswith(","):
        source = source if "body" in line else "from m import (\n" + line + "\n)\n"
    assert black.format_str(source, mode=MODE) == source, source
