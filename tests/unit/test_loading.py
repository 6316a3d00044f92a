"""Loading documents: JSON or YAML, file or stdin, bounded, with positions in errors."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from kgen.diagnostics import KgenError
from kgen.loading import Limits, load, parse


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


def test_yaml_aliases_are_refused() -> None:
    raw = b"a: &x [1, 2]\nb: *x\n"
    with pytest.raises(KgenError) as info:
        parse(raw, "alias.yaml")
    assert "aliases" in info.value.diagnostics[0].message


def test_non_string_keys_are_refused_with_a_pointer() -> None:
    with pytest.raises(KgenError) as info:
        parse(b"paths:\n  1: x\n", "keys.yaml")
    (d,) = info.value.diagnostics
    assert "not a string" in d.message and d.pointer == "/paths"


def test_invalid_utf8() -> None:
    assert "not valid UTF-8" in _error(b'{"a": "\xff"}')


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KgenError) as info:
        load(str(tmp_path / "nope.json"))
    assert "no such file" in info.value.diagnostics[0].message


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"swagger": "2.0"}')))
    doc = load("-")
    assert doc.source == "<stdin>" and doc.data == {"swagger": "2.0"}


def test_documents_of_a_yaml_stream_with_their_first_lines() -> None:
    from kgen.loading import parse_documents

    stream = b"a: 1\n---\n# second\nb: [2]\n---\n...\n"
    assert parse_documents(stream, "s.yaml") == [(1, {"a": 1}), (2, {"b": [2]}), (5, None)]
    assert parse_documents(b'{"kind": "List"}', "s.json") == [(1, {"kind": "List"})]
    with pytest.raises(KgenError) as info:
        parse_documents(b"a: 1\n---\nb: &x 1\nc: *x\n", "s.yaml")
    assert "aliases" in info.value.diagnostics[0].message and info.value.diagnostics[0].line == 4
