"""C# encoders: literals mcs reads back exactly, doc comments that stay comments, identifiers that are never keywords."""

from __future__ import annotations

from pathlib import Path

import csharptools
import pytest

from kgen.targets.csharp import encode, naming

TEXTS = [
    "plain", 'quote " and backslash \\', "line\nbreak\r\n", "\x00\x07\x1b\x7f", "\u202e bidi \u2066", "\ufeff\u200b",
    "caf\xe9 \U0001f600", "\u2028\u2029\x85", "{0} {{x}}", "\\u0022 not an escape", "\ud800 lone",
]


def test_string_literals_are_printable_ascii() -> None:
    assert encode.string_literal('a"b\\c\n') == '"a\\"b\\\\c\\n"'
    assert encode.string_literal("\x1b\xa0\u202e\U0001f600") == '"\\u001b\\u00a0\\u202e\\ud83d\\ude00"'
    assert all(encode.string_literal(t).isascii() and encode.string_literal(t).isprintable() for t in TEXTS)


def test_string_literals_read_back_in_csharp(tmp_path: Path) -> None:
    """Each literal's UTF-16 units, printed by a program mcs compiled: the compiler itself is the judge."""
    if reason := csharptools.missing():
        pytest.skip(reason)
    literals = ",\n".join(f"            {encode.string_literal(t)}" for t in TEXTS)
    source = tmp_path / "Literals.cs"
    source.write_text(
        "using System;\n\nstatic class Literals\n{\n    static void Main()\n    {\n        string[] texts =\n        {\n"
        f"{literals}\n        }};\n"
        "        foreach (string text in texts)\n        {\n"
        "            Console.WriteLine(string.Join(\" \", Array.ConvertAll(text.ToCharArray(), c => ((int)c).ToString())));\n"
        "        }\n    }\n}\n",
        "utf-8",
    )
    program = csharptools.mcs([source], tmp_path / "Literals.exe", exe=True)
    result = csharptools.run(program)
    assert result.returncode == 0, result.stderr
    units = [[int(u) for u in line.split()] for line in result.stdout.splitlines()]
    assert units == [_utf16(t) for t in TEXTS]


def _utf16(text: str) -> list[int]:
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i : i + 2], "little") for i in range(0, len(data), 2)]


def test_doc_comments_hold_no_line_end_and_no_markup() -> None:
    """C# ends a `///` line at CR, LF, NEL, LS and PS; XML needs &, < and > escaped and cannot hold controls."""
    doc = encode.xml_doc(["a <b> & c\u2028</summary>\x85\x00 \U0001f600 \ud800"], "    ", [("x", "y </param> z")])
    lines = doc.split("\n")
    assert all(line.startswith("    /// ") and line.isascii() and line.isprintable() for line in lines)
    assert lines[1] == "    /// a &lt;b&gt; &amp; c &lt;/summary&gt; &#xFFFD; &#x1F600; &#xFFFD;"
    assert lines[-1] == '    /// <param name="x">y &lt;/param&gt; z</param>'


def test_header_is_one_printable_line() -> None:
    assert encode.line_comment("kgen\nfrom \u2028 x\x85y\x00\u202e") == "// kgen from x y??"


def test_keywords_and_contextual_keywords_take_an_at() -> None:
    assert [naming.identifier(n) for n in ("namespace", "continue", "value", "await", "pod")] == ["@namespace", "@continue", "@value", "@await", "pod"]


def test_members_never_take_their_class_name() -> None:
    """CS0542: a member may not be named like its class; nor like Codec or UnknownFields, which every model has."""
    assert naming.members(["Status", "Codec", "Status", "Kind"], "Status", naming.MODEL_MEMBERS) == ["Status2", "Codec2", "Status3", "Kind"]


def test_namespace_is_checked_not_rewritten() -> None:
    assert naming.check_namespace("Example.Kube") == "Example.Kube"
    for bad in ("example-kube", "Example.class", "System.Kube", "Example..Kube", "Example.Con"):
        with pytest.raises(Exception, match="package-name"):
            naming.check_namespace(bad)
