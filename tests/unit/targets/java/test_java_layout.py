"""Java layout as google-java-format 1.28.0 writes it: long string literals, and calls whose arguments hold them.

Expected texts are what the formatter printed for these lines (and leaves
unchanged when run again).
"""

from __future__ import annotations

from kgen.targets.java import layout, options, reflow
from kgen.targets.java.types import TypeNamer

TOUCH = '\\"touch /tmp/jf/h/test_hostile_document_string_l0/canary\\"'


def test_pieces_start_at_whitespace_and_end_after_newline_escapes() -> None:
    assert reflow.pieces("a b\\n\\nc  d\\te") == ["a", " b\\n\\n", "c", " ", " d", "\\te"]


def test_a_long_literal_that_starts_its_line_continues_four_past_it() -> None:
    line = f'        "{{{{ os.system({TOUCH}) }}}}/{{{{ os.system({TOUCH}) }}}}";'
    assert reflow.reflowed(f"    this.kind =\n{line}") == (
        "    this.kind =\n"
        '        "{{ os.system(\\"touch /tmp/jf/h/test_hostile_document_string_l0/canary\\") }}/{{"\n'
        '            + " os.system(\\"touch /tmp/jf/h/test_hostile_document_string_l0/canary\\") }}";'
    )


def test_a_case_label_continues_at_the_statement_continuation_indent() -> None:
    line = '      case "\\"\\"\\"\\n__import__(\\"os\\").system(\\"touch /tmp/jf/h/test_hostile_document_docstrin0/canary\\")\\n\\"\\"\\"" ->'
    assert reflow.reflowed(line) == (
        '      case "\\"\\"\\"\\n"\n'
        '              + "__import__(\\"os\\").system(\\"touch"\n'
        '              + " /tmp/jf/h/test_hostile_document_docstrin0/canary\\")\\n"\n'
        '              + "\\"\\"\\"" ->'
    )


def test_short_lines_comments_and_receivers_are_left_alone() -> None:
    long_words = " ".join(["word"] * 30)
    kept = ['    return "a b";', f"   * {long_words} \"quoted words\"", f'    x = "{long_words}".length();']
    assert [reflow.reflowed(line) for line in kept] == kept


def test_a_constant_whose_literal_is_too_long_wraps_the_constructor_argument() -> None:
    literal = '"' + "x" * 70 + " " + "y" * 20 + '"'
    laid_out = layout.field("  ", "public static final Doc26Text", "C" * 80, f"new Doc26Text({literal})")
    assert reflow.reflowed(laid_out) == (
        "  public static final Doc26Text\n"
        f"      {'C' * 80} =\n"
        "          new Doc26Text(\n"
        f'              "{"x" * 70}"\n'
        f'                  + " {"y" * 20}");'
    )


def test_parentheses_inside_a_literal_do_not_end_the_call() -> None:
    text = 'Call.of("GET", "/a)(b/' + "c" * 90 + '")'
    assert layout.expression("    ", text, ";") == f'    Call.of(\n        "GET",\n        "/a)(b/{"c" * 90}");'


LONG = "A" * 110  # a type name no line can hold: inline CRD schemas give such names


def test_a_generic_type_too_long_breaks_its_arguments_one_per_line() -> None:
    assert layout.field("  ", f"public static final Map<String, {LONG}>", "X", "null") == (
        f"  public static final Map<\n          String,\n          {LONG}>\n      X = null;"
    )
    assert layout.member("  ", f"private Map<String, {LONG}>", "y") == f"  private Map<\n          String,\n          {LONG}>\n      y;"


def test_a_nested_generic_breaks_four_further_in() -> None:
    assert layout.declaration("  ", f"public Map<String, List<{LONG}>>", "z", []) == (
        f"  public Map<\n          String,\n          List<\n              {LONG}>>\n      z() {{"
    )


def test_a_plain_type_too_long_goes_under_its_modifiers() -> None:
    assert layout.field("  ", f"public static final {LONG}", "FOO", f'new {LONG}("foo")') == (
        f'  public static final\n  {LONG}\n      FOO =\n          new {LONG}(\n              "foo");'
    )
    assert layout.declaration("  ", f"public static {LONG}", "of", ["String value"]) == (
        f"  public static\n  {LONG}\n      of(String value) {{"
    )


def test_a_parameter_too_long_puts_its_name_on_the_next_line() -> None:
    assert layout.declaration("  ", "void", "f", [f"Map<String, {LONG}> q"]) == (
        f"  void f(\n      Map<\n              String,\n              {LONG}>\n          q) {{"
    )
    assert layout.declaration("    ", "public void", "write", ["JsonGenerator g", f"{LONG} m"], "IOException") == (
        f"    public void write(\n        JsonGenerator g,\n        {LONG}\n            m)\n        throws IOException {{"
    )


def test_class_and_constructor_heads_too_long_break_after_the_modifiers() -> None:
    assert layout.class_head("", f"public final class {LONG}", "extends OpenEnum") == (
        f"public final\nclass {LONG}\n    extends OpenEnum {{"
    )
    assert layout.class_head("  ", "private static final class Codec", f"implements JsonCodec<{LONG}>") == (
        f"  private static final class Codec\n      implements JsonCodec<\n          {LONG}> {{"
    )
    assert layout.constructor("  ", "public", LONG, []) == f"  public\n  {LONG}() {{"
    assert layout.constructor("  ", "private", LONG, ["String value"]) == f"  private\n  {LONG}(\n      String value) {{"
    assert layout.constructor("  ", "private", LONG, [], empty=True) == f"  private\n  {LONG}() {{}}"


def test_a_qualified_name_too_long_breaks_before_its_last_dot_and_a_default_rule_after_the_arrow() -> None:
    assert layout.expression("          ", f"{LONG}.CODEC", "));") == f"          {LONG}\n              .CODEC));"
    assert layout.rule("      ", "default", f"new {LONG}(value)") == f"      default ->\n          new {LONG}(\n              value);"


def test_an_assignment_to_a_member_too_long_breaks_before_the_dot() -> None:
    assert layout.variable("    ", f"this.{'m' * 100} =", "m" * 100) == f"    this\n            .{'m' * 100} =\n        {'m' * 100};"


MID = "B" * 85  # a type name that fits on a line of its own, with little beside it


def test_a_plain_type_off_its_modifiers_line_keeps_what_follows_when_that_fits() -> None:
    assert layout.field("  ", f"public static final {MID}", "A", f'new {MID}("a")') == (
        f'  public static final\n  {MID} A =\n      new {MID}(\n          "a");'
    )
    assert layout.field("  ", f"public static final {MID}", "A", "null") == f"  public static final\n  {MID} A = null;"
    assert layout.member("  ", f"private {MID}BBBBBBBBBB", "a") == f"  private\n  {MID}BBBBBBBBBB a;"
    assert layout.declaration("  ", f"public static {MID}", "of", ["String value"]) == f"  public static\n  {MID} of(\n      String value) {{"


def test_a_constructor_wraps_its_parameters_while_its_name_fits_beside_the_modifiers() -> None:
    name = "C" * 80
    assert layout.constructor("  ", "private", name, ["String value"]) == f"  private {name}(\n      String value) {{"


def test_a_method_reference_and_this_member_break_before_the_member_but_a_local_variable_field_does_not() -> None:
    assert layout.expression("            ", f"{MID}::of", ");") == f"            {MID}\n                ::of);"
    local, own = "m." + "m" * 100, "this." + "m" * 100
    assert layout.wrapped("    ", "Json.field", ["g", '"wire"', local, "Json.LONG"], ";") == (
        f'    Json.field(\n        g,\n        "wire",\n        {local},\n        Json.LONG);'
    )
    assert layout.wrapped("    ", "call.query", ['"wire"', own], ";") == f'    call.query(\n        "wire",\n        this\n            .{"m" * 100});'


def test_a_case_label_whose_piece_no_line_holds_continues_nine_past_the_indent() -> None:
    word = "w" * 95
    assert reflow.reflowed(f'          case "short words {word} end" ->') == (
        f'          case "short words"\n                   + " {word}"\n                   + " end" ->'
    )


def test_literal_spans_skip_character_literals_and_comments() -> None:
    line = """    x("a\\"b", '"', "c") // "d\""""
    assert [line[start:end] for start, end in reflow.literal_spans(line)] == ['"a\\"b"', '"c"']
    assert reflow.literal_spans('f("open') == [(2, 8)]  # an unclosed literal runs one past the end
    assert reflow.literal_spans('f("open\\') == [(2, 10)]  # two after a lone backslash


GROUP = "averyveryverylonggroupnamethatkeepsgoingexampleio"


def test_a_package_qualified_name_too_long_fills_its_dotted_parts() -> None:
    """As many parts as fit on each line, the later ones four further in (eight after modifiers and for a parameter)."""
    name = f"io.example.platform.clients.{GROUP}.v1.Condition"
    assert layout.expression(" " * 22, f"{name}.CODEC", ");") == f"{' ' * 22}io.example.platform.clients.{GROUP}\n{' ' * 26}.v1.Condition.CODEC);"
    assert layout.expression(" " * 26, f"{name}.CODEC", "));") == (
        f"{' ' * 26}io.example.platform.clients\n{' ' * 30}.{GROUP}.v1.Condition\n{' ' * 30}.CODEC));"
    )
    longer = f"com.example.platform.generated.kubernetes.clients.averylongname.{GROUP}.v1.Condition"
    assert layout.member("  ", f"private {longer}", "a") == (
        f"  private com.example.platform.generated.kubernetes.clients.averylongname\n          .{GROUP}.v1.Condition\n      a;"
    )
    assert layout.member("  ", f"private List<{longer}>", "b") == (
        f"  private List<\n          com.example.platform.generated.kubernetes.clients.averylongname\n              .{GROUP}.v1.Condition>\n      b;"
    )
    assert layout.declaration("  ", "public void", "setA", [f"{longer} a"]) == (
        f"  public void setA(\n      com.example.platform.generated.kubernetes.clients.averylongname\n              .{GROUP}.v1.Condition\n          a) {{"
    )


def test_an_array_option_whose_stream_chain_is_too_long_breaks_before_each_call() -> None:
    """google-java-format 1.28.0's layout of the setter's join (the ternary's branches on lines of their own)."""
    namer = TypeNamer({}, "kube.x", set(), "kube.client")
    member = "booleanArrayTypeInQuery"
    assert options._apply(member, "query", member, "csv", namer) == (
        f'    call.query(\n        "{member}",\n        this.{member} == null\n            ? null\n'
        f"            : this.{member}.stream()\n                .map(String::valueOf)\n"
        '                .collect(Collectors.joining(",")));'
    )


def test_arguments_all_shorter_than_ten_characters_fill_their_lines() -> None:
    """The formatter's fill mode: as many per line as fit (its output for this call at this indent); one longer
    argument puts each on its own line."""
    names = [f"abcdefg{i:02d}" for i in range(6)]
    at, inner = " " * 64, " " * 68
    assert layout.wrapped(at, "f", names, ";") == (
        f"{at}f(\n{inner}abcdefg00, abcdefg01, abcdefg02,\n{inner}abcdefg03, abcdefg04,\n{inner}abcdefg05);"
    )
    assert layout.wrapped(at, "f", [*names[:5], "abcdefghij"], ";") == f"{at}f(\n" + ",\n".join(inner + n for n in [*names[:5], "abcdefghij"]) + ");"
