"""Loading documents: JSON or YAML, file or stdin, bounded, with positions in errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from kgen.diagnostics import KgenError, Level
from kgen.sources.loading import Limits, duplicate_keys, load, parse, parse_documents


def _error(raw: bytes, limits: Limits = Limits()) -> str:
    with pytest.raises(KgenError) as info:
        parse(raw, "doc.json", limits)
    (diagnostic,) = info.value.diagnostics
    return diagnostic.render()


def test_json_and_yaml_give_the_same_values() -> None:
    as_json = parse(b'{"swagger": "2.0", "info": {"title": "t", "version": "1"}}', "a.json")
    as_yaml = parse(b"swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\n", "a.yaml")
    assert as_json.data == as_yaml.data
    assert as_json.sha256 != as_yaml.sha256  # the hash is of the bytes as given


def test_yaml_timestamps_stay_strings() -> None:
    doc = parse(b"a: 2024-01-02\nb: 2024-01-02T03:04:05Z\n", "t.yaml")
    assert doc.data == {"a": "2024-01-02", "b": "2024-01-02T03:04:05Z"}


def test_json_error_has_line_and_column() -> None:
    text = _error(b'{\n  "swagger": "2.0",\n  "info": {,}\n}')
    assert "doc.json:3:" in text and "invalid JSON" in text


def test_yaml_error_has_line_and_column() -> None:
    with pytest.raises(KgenError) as info:
        parse(b"a: 1\nb: [1, 2\nc: 3\n", "d.yaml")
    (d,) = info.value.diagnostics
    assert d.line is not None and d.line >= 2 and "invalid YAML" in d.message


def test_nan_is_not_json() -> None:
    assert "NaN" in _error(b'{"a": NaN}')


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b'{"a": "' + b"x" * 100 + b'"}')
    with pytest.raises(KgenError) as info:
        load(str(big), Limits(max_bytes=50))
    text = info.value.diagnostics[0].render()
    assert "larger than the limit of 50 bytes" in text and "--max-bytes" in text
    assert load(str(big), Limits(max_bytes=200)).data == {"a": "x" * 100}


def test_depth_limit_json() -> None:
    raw = b'{"a":' * 200 + b"1" + b"}" * 200
    assert "deeper than the limit of 128" in _error(raw)


def test_depth_limit_yaml_is_checked_before_composing() -> None:
    raw = b"a: " + b"[" * 300 + b"]" * 300 + b"\n"
    with pytest.raises(KgenError) as info:
        parse(raw, "deep.yaml")
    assert "deeper than the limit" in info.value.diagnostics[0].message


def test_yaml_aliases_are_read_each_a_copy_of_what_it_names() -> None:
    doc = parse(b"a: &x {b: [1, 2]}\nc: *x\nd: {<<: *x, e: 3}\n", "alias.yaml")
    assert doc.data == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}, "d": {"b": [1, 2], "e": 3}}
    doc.data["a"]["b"].append(3)  # a pass that changes one place changes no other
    assert doc.data["c"] == {"b": [1, 2]} and doc.data["d"]["b"] == [1, 2]


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        (b"a: &x\n  b: *x\n", 2, "the alias *x is inside the node it names"),
        (b"a: &x " + b"[" * 100 + b"]" * 100 + b"\nb: " + b"[" * 40 + b"*x" + b"]" * 40 + b"\n", 2, "deeper than the limit of 128 levels where the alias *x puts what it names"),
        (b"a: &a [" + b", ".join([b"x"] * 300) + b"]\n" + b"".join(b"b%d: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" % i for i in range(30)), 2,
         "aliases stand for 90300 nodes, more than 10 times the 363 the document writes (this one for 301)"),
    ],
)
def test_yaml_aliases_are_refused_past_their_bounds_before_the_tree_is_built(raw: bytes, line: int, words: str) -> None:
    with pytest.raises(KgenError) as info:
        parse(raw, "alias.yaml")
    (d,) = info.value.diagnostics
    assert words in d.message and d.line == line and "alias" in d.hint + d.message


def _manifest(raw: bytes) -> object:
    ((_, data),) = parse_documents(raw, "crd.yaml")
    return data


def test_a_manifests_keys_that_are_neither_strings_nor_integers_nor_booleans_are_refused_with_a_pointer() -> None:
    for key in (b"1.5", b"null"):
        with pytest.raises(KgenError) as info:
            _manifest(b"spec:\n  " + key + b": x\n")
        (d,) = info.value.diagnostics
        assert "not a string" in d.message and d.pointer == "/spec"


def test_a_manifests_integer_and_boolean_keys_are_their_json_text_as_kubectl_reads_them() -> None:
    data = _manifest(b"responses:\n  200: {description: ok}\n  0x10: a\n  on: b\n  n: c\n")
    assert data == {"responses": {"200": {"description": "ok"}, "16": "a", "true": "b", "false": "c"}}


def test_a_documents_keys_are_strings_as_written() -> None:
    """OpenAPI's rule for YAML (keys as the failsafe schema reads them): a Point's `y` is not the key "true"."""
    raw = b"responses:\n  200: {description: ok}\n  0x10: a\n  on: b\n  n: c\n  1.5: d\n  null: e\n  y: f\n  true: g\n"
    expected = {"200": {"description": "ok"}, "0x10": "a", "on": "b", "n": "c", "1.5": "d", "null": "e", "y": "f", "true": "g"}
    assert parse(raw, "r.yaml").data == {"responses": expected}


def test_a_documents_key_that_is_a_collection_is_refused_with_its_line() -> None:
    with pytest.raises(KgenError) as info:
        parse(b"paths:\n  ? [a, b]\n  : x\n", "keys.yaml")
    (d,) = info.value.diagnostics
    assert "unhashable key" in d.message and (d.line, d.column) == (2, 5)


def test_a_documents_key_and_its_quoted_twin_are_one_key() -> None:
    doc = parse(b"responses:\n  200: a\n  '200': b\n", "r.yaml")
    assert doc.data == {"responses": {"200": "b"}} and [(d.key, d.first, d.line) for d in doc.duplicates] == [("200", 2, 3)]


# What sigs.k8s.io/yaml v1.6.0 (go-yaml v2.4.2, the YAML reader of kubectl) yields for each plain scalar,
# measured with yaml.YAMLToJSON; PyYAML's YAML 1.1 differs on every entry marked *.
GO_YAML = {
    "=": "=",  # * PyYAML: the `value` tag, which the safe loader cannot construct
    "on": True, "Off": False, "yes": True, "NO": False, "true": True,
    "y": True, "N": False,  # * PyYAML: strings
    "1:20": "1:20",  # * PyYAML: sexagesimal 80
    "2001-12-14": "2001-12-14", "2001-12-14t21:59:43.10-05:00": "2001-12-14t21:59:43.10-05:00",  # * PyYAML: datetime
    "0777": 511, "0o777": 511, "0x1F": 31, "0b101": 5, "1_000": 1000,  # * PyYAML: 0o777 is a string
    "1e3": 1000.0, "1.5e9": 1.5e9, "0.50": 0.5, ".5": 0.5, "1.": 1.0,  # * PyYAML: 1e3 is a string
    "-0": 0, "+12": 12, "12345678901234567890": 12345678901234567890,
    "089": 89.0, "123456789012345678901234": 1.2345678901234568e23,  # not an int64/uint64: a float
    "~": None, "null": None, "": None, "<<": "<<", "1.2.3": "1.2.3",
    "1e-3": 0.001, "-1_0": -10, "0x_1F": 31, "1__0": 10, "+0x10": 16, "-0x10": -16, "+0o7": 7,
}

# YAML 1.2's core schema, as the Swagger Editor's js-yaml reads a document (its `<<` merges too).
CORE = {
    "=": "=", "on": "on", "Off": "Off", "yes": "yes", "NO": "NO", "y": "y", "N": "N",
    "true": True, "True": True, "FALSE": False, "tRue": "tRue",
    "1:20": "1:20", "2001-12-14": "2001-12-14", "2001-12-14t21:59:43.10-05:00": "2001-12-14t21:59:43.10-05:00",
    "0777": 777, "0o777": 511, "0x1F": 31, "0X1F": "0X1F", "0b101": "0b101", "1_000": "1_000", "+0x10": "+0x10",
    "1e3": 1000.0, "1.5e9": 1.5e9, "0.50": 0.5, ".5": 0.5, "1.": 1.0, "-1.5E-3": -0.0015,
    "-0": 0, "+12": 12, "12345678901234567890": 12345678901234567890, "089": 89,
    "~": None, "null": None, "Null": None, "": None, "NULL": None, "nULL": "nULL", "<<": "<<", "1.2.3": "1.2.3",
}


@pytest.mark.parametrize("text", sorted(GO_YAML))
def test_a_manifests_plain_scalars_resolve_as_kubectl_resolves_them(text: str) -> None:
    value = _manifest(f"v: {text}\n".encode())["v"]  # type: ignore[index]
    assert value == GO_YAML[text] and type(value) is type(GO_YAML[text])


@pytest.mark.parametrize("text", sorted(CORE))
def test_a_documents_plain_scalars_resolve_as_yaml_1_2_core_schema(text: str) -> None:
    value = parse(f"v: {text}\n".encode(), "s.yaml").data["v"]
    assert value == CORE[text] and type(value) is type(CORE[text])


def test_a_documents_y_and_n_enum_stays_strings_and_y_stays_a_property() -> None:
    doc = parse(b"definitions:\n  Point:\n    properties:\n      x: {type: number}\n      y: {type: number}\n      flag: {type: string, enum: [Y, N]}\n", "p.yaml")
    point = doc.data["definitions"]["Point"]["properties"]
    assert list(point) == ["x", "y", "flag"] and point["flag"]["enum"] == ["Y", "N"]


@pytest.mark.parametrize("text", [".inf", "-.inf", "+.INF", ".nan", ".NaN"])
def test_infinity_and_nan_are_refused_with_their_line(text: str) -> None:
    with pytest.raises(KgenError) as info:
        parse(f"a: 1\nv: {text}\n".encode(), "s.yaml")
    (d,) = info.value.diagnostics
    assert "not a JSON number" in d.message and d.line == 2


def test_invalid_utf8() -> None:
    assert "not valid UTF-8" in _error(b'{"a": "\xff"}')


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", ['{"info": {"title": "Ünïcode ☸"}}', "info:\n  title: Ünïcode ☸\n"])
def test_utf16_and_utf32_documents_are_read_as_json_and_yaml_1_2_read_them(encoding: str, text: str) -> None:
    """With or without a byte order mark: Windows PowerShell writes `kubectl get --raw /openapi/v2 > cluster.json` as UTF-16."""
    assert parse(text.encode(encoding), "doc").data == {"info": {"title": "Ünïcode ☸"}}


def test_invalid_utf16_says_which_encoding_and_the_line() -> None:
    raw = '{\n"a": "'.encode("utf-16-le") + b"\x00\xd8" + '"}'.encode("utf-16-le")  # a lone high surrogate
    with pytest.raises(KgenError) as info:
        parse(raw, "doc.json")
    (d,) = info.value.diagnostics
    assert d.message == "not valid UTF-16-LE at byte 16" and d.line == 2 and d.hint == "save the document as UTF-8"


@pytest.mark.parametrize("stream", [False, True])
def test_a_control_character_in_yaml_is_an_error_at_its_line_and_column(stream: bool) -> None:
    raw = b'swagger: "2.0"\ninfo: {title: a\x01b}\n'
    with pytest.raises(KgenError) as info:
        parse_documents(raw, "d.yaml") if stream else parse(raw, "d.yaml")
    (d,) = info.value.diagnostics
    assert (d.line, d.column) == (2, 16) and d.message == "invalid YAML: control characters are not allowed (character U+0001)"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KgenError) as info:
        load(str(tmp_path / "nope.json"))
    assert "no such file" in info.value.diagnostics[0].message


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"swagger": "2.0"}')))
    doc = load("-")
    assert doc.source == "<stdin>" and doc.data == {"swagger": "2.0"}


def test_documents_of_a_yaml_stream_with_their_first_lines() -> None:
    from kgen.sources.loading import parse_documents

    stream = b"a: 1\n---\n# second\nb: [2]\n---\n...\n"
    assert parse_documents(stream, "s.yaml") == [(1, {"a": 1}), (2, {"b": [2]}), (5, None)]
    assert parse_documents(b'{"kind": "List"}', "s.json") == [(1, {"kind": "List"})]
    assert parse_documents(b"a: &x [1]\nb: *x\n---\nc: &x 2\nd: *x\n", "s.yaml") == [(1, {"a": [1], "b": [1]}), (3, {"c": 2, "d": 2})]


def test_repeated_yaml_keys_are_warned_of_with_both_lines_and_the_last_value_kept() -> None:
    text = b'paths:\n  /x:\n    get: {operationId: a}\n    get: {operationId: b}\nresponses: {200: {description: a}, "200": {description: b}}\n'
    doc = parse(text, "t.yaml")
    assert doc.data["paths"]["/x"]["get"] == {"operationId": "b"} and doc.data["responses"] == {"200": {"description": "b"}}
    warned = [(d.level, d.line, d.column, d.message) for d in duplicate_keys(doc)]
    assert warned == [
        (Level.WARNING, 4, 5, "duplicate key 'get' (first at line 3): the earlier value is lost"),
        (Level.WARNING, 5, 36, "duplicate key '200' (first at line 5): the earlier value is lost"),
    ]
    assert parse(b"a: 1\nb: 2\n", "t.yaml").duplicates == () and parse(b'{"a": 1, "a": 2}', "t.json").duplicates == ()
