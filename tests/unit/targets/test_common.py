"""What targets merely share: union types, unit titles, filling comment lines."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kgen.ir.model import Unit
from kgen.targets import common
from kgen.targets.csharp import encode as csharp_encode
from kgen.targets.java import encode as java_encode

WORDS = st.lists(st.text(st.characters(blacklist_characters=" \n"), min_size=1, max_size=30), max_size=40)


def test_union_flattens_members_and_drops_repeats() -> None:
    assert common.union(["int | str", "str", "None"], lambda t: t.split(" | ")) == "int | str | None"


def test_unit_titles() -> None:
    assert common.unit_title(Unit((("core",), ("v1",)), group="", version="v1")) == "core/v1"
    assert common.unit_title(Unit((("apps",),), group="apps")) == "the apps API group"
    assert common.unit_title(Unit((("well", "known"),))) == "well known"


@given(WORDS, st.integers(min_value=-2, max_value=100))
def test_fill_is_greedy(words: list[str], width: int) -> None:
    lines = common.fill(" ".join(words), width)
    assert " ".join(lines) == " ".join(words)
    assert all(len(line) <= width or " " not in line for line in lines)  # over-long only as one word
    for line, following in zip(lines, lines[1:]):
        assert len(line) + 1 + len(following.split(" ")[0]) > width  # the next line's first word did not fit


def test_fill_pinned() -> None:
    assert common.fill("", 10) == [""]
    assert common.fill("a bb ccc dddd", 6) == ["a bb", "ccc", "dddd"]
    assert common.fill("abcdefgh ij k", 3) == ["abcdefgh", "ij", "k"]
    assert common.fill("a b", 0) == ["a", "b"]


def test_special_is_all_but_printable_ascii_and_the_escaped() -> None:
    pattern = common.special("\\\"&-]^")  # characters a character class treats specially, too
    matched = {code for code in range(0x110000) if pattern.match(chr(code))}
    assert matched == {code for code in range(0x110000) if not 0x20 <= code <= 0x7E or chr(code) in "\\\"&-]^"}


@given(st.lists(st.sampled_from([" ", "\t", "\n", "\u2028", "\x1c", "\u3000", "\x00", "\u200b", "*", "a", "\U0001f600"]), max_size=6))
def test_described_keeps_text_exactly_when_a_doc_encoder_leaves_words(characters: list[str]) -> None:
    """described skips the encoding: it must agree with every doc encoder on which texts leave no words."""
    text = "".join(characters)
    for encoder in (java_encode.doc_text, csharp_encode.doc_text):
        assert (common.described(text, "fallback") is text) is bool(encoder(text))


def test_described_agrees_with_the_doc_encoders_on_every_character() -> None:
    for code in range(0x110000):
        ch = chr(code)
        kept = common.described(ch, "fallback") is ch
        assert kept is bool(java_encode.doc_text(ch)) is bool(csharp_encode.doc_text(ch)), f"U+{ord(ch):04X}"


def test_fill_skips_spaces_where_no_word_fits_and_keeps_them_inside_lines() -> None:
    assert common.fill("a  bbbb c", 2) == ["a ", "bbbb", "c"]
    assert common.fill("ab cd", 5) == ["ab cd"]
