// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.Globalization;
    using global::System.Text;

    /// <summary>
    /// The subset of YAML that kubeconfig files are written in, read without a YAML library:
    /// block mappings and sequences, flow collections (<c>[a, b]</c>, <c>{a: b}</c>, so JSON
    /// documents too), plain, single- and double-quoted scalars (with their escapes and line
    /// folding), literal and folded block scalars (<c>|</c>, <c>&gt;</c>, with chomping and
    /// indentation indicators), comments and one leading <c>---</c>. Plain <c>true</c>/<c>false</c>
    /// are booleans, <c>null</c>/<c>~</c>/nothing are null, every other scalar is a string (as
    /// YAML 1.2's core schema, but numbers stay text). What is outside the subset is refused,
    /// never guessed: anchors, aliases, merge keys, tags, directives, explicit keys, complex
    /// keys and multiple documents, each with a ConfigException naming the file and line.
    /// Mappings are Dictionary&lt;string, object&gt; (a repeated key keeps its last value),
    /// sequences List&lt;object&gt;.
    /// </summary>
    internal sealed class KubeconfigYaml
    {
        private const int MaxDepth = 100;

        private readonly string text;
        private readonly string file;
        private int pos;
        private int depth;
        private int skippedBlankLines;

        private KubeconfigYaml(string text, string file)
        {
            this.text = text;
            this.file = file;
        }

        /// <summary>The document <paramref name="text"/> holds (null when it is empty).</summary>
        /// <exception cref="ConfigException">It is not YAML of the subset, naming <paramref name="file"/> and the line.</exception>
        internal static object Parse(string text, string file)
        {
            return new KubeconfigYaml(text, file).Document();
        }

        private object Document()
        {
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                pos = 1;
            }
            int column = FirstContentLine();
            if (column < 0)
            {
                return null;
            }
            if (Peek(0) == '%')
            {
                throw Error("YAML directives are not supported");
            }
            if (IsMarker("---"))
            {
                pos += 3;
                SkipInline();
                if (AtLineEnd())
                {
                    column = NextContentLine();
                    if (column < 0)
                    {
                        return null;
                    }
                }
                else
                {
                    column = Column();
                }
            }
            object document = BlockNode(-1);
            if (NextContentLine() >= 0)
            {
                throw Error("unexpected content after the document (a less indented line, or a second document)");
            }
            return document;
        }

        // ---- positions and errors

        private char Peek(int ahead)
        {
            int at = pos + ahead;
            return at < text.Length ? text[at] : '\0';
        }

        private int Column()
        {
            int start = pos;
            while (start > 0 && text[start - 1] != '\n' && text[start - 1] != '\r')
            {
                start--;
            }
            return pos - start;
        }

        private int Line(int at)
        {
            int line = 1;
            for (int i = 0; i < at && i < text.Length; i++)
            {
                if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                {
                    line++;
                }
            }
            return line;
        }

        private ConfigException Error(string what)
        {
            return ErrorAt(pos, what);
        }

        private ConfigException ErrorAt(int at, string what)
        {
            int line = Line(at);
            return new ConfigException("kubeconfig " + file + " is not valid YAML: line " + line + ": " + what + " (" + file + ":" + line + ")");
        }

        private void Enter()
        {
            if (++depth > MaxDepth)
            {
                throw Error("nested deeper than " + MaxDepth + " levels");
            }
        }

        private static bool IsBreak(char c)
        {
            return c == '\n' || c == '\r';
        }

        private static bool IsBlank(char c)
        {
            return c == ' ' || c == '\t';
        }

        private bool IsBlankOrEnd(int ahead)
        {
            char c = Peek(ahead);
            return c == '\0' && pos + ahead >= text.Length || IsBlank(c) || IsBreak(c);
        }

        private bool AtEnd()
        {
            return pos >= text.Length;
        }

        /// <summary>At the end of the line's content: its break, the end, or a comment.</summary>
        private bool AtLineEnd()
        {
            return AtEnd() || IsBreak(Peek(0)) || (Peek(0) == '#' && (pos == 0 || IsBlank(text[pos - 1]) || IsBreak(text[pos - 1])));
        }

        private bool IsMarker(string marker)
        {
            return Column() == 0 && string.CompareOrdinal(text, pos, marker, 0, 3) == 0 && IsBlankOrEnd(3);
        }

        private void SkipInline()
        {
            while (!AtEnd() && IsBlank(Peek(0)))
            {
                pos++;
            }
        }

        private void SkipBreak()
        {
            if (Peek(0) == '\r' && Peek(1) == '\n')
            {
                pos += 2;
            }
            else if (IsBreak(Peek(0)))
            {
                pos++;
            }
        }

        /// <summary>From the start of a line, the column of the first line with content (at it), or -1 at the end.</summary>
        private int FirstContentLine()
        {
            skippedBlankLines = 0;
            while (true)
            {
                int start = pos;
                while (!AtEnd() && Peek(0) == ' ')
                {
                    pos++;
                }
                if (AtEnd())
                {
                    return -1;
                }
                if (Peek(0) == '#' || IsBreak(Peek(0)) || Peek(0) == '\t')
                {
                    bool tabbed = Peek(0) == '\t';
                    while (!AtEnd() && IsBlank(Peek(0)))
                    {
                        pos++;
                    }
                    if (tabbed && !AtEnd() && Peek(0) != '#' && !IsBreak(Peek(0)))
                    {
                        throw Error("a tab in indentation (YAML indents with spaces only)");
                    }
                    while (!AtEnd() && !IsBreak(Peek(0)))
                    {
                        pos++;
                    }
                    if (AtEnd())
                    {
                        return -1;
                    }
                    SkipBreak();
                    skippedBlankLines++;
                    continue;
                }
                if (IsMarker("---") || IsMarker("..."))
                {
                    if (start == 0 || (start == 1 && text[0] == '\uFEFF'))
                    {
                        return 0; // a leading "---": Document() takes it
                    }
                    throw Error("more than one YAML document (or a document end marker) is not supported");
                }
                return pos - start;
            }
        }

        /// <summary>Ends the current line (only a comment may follow), then moves to the next line with content: its column, or -1 at the end.</summary>
        private int NextContentLine()
        {
            SkipInline();
            if (!AtLineEnd())
            {
                throw Error("unexpected text after a value: " + Strings.Quoted(Rest()));
            }
            while (!AtEnd() && !IsBreak(Peek(0)))
            {
                pos++;
            }
            if (AtEnd())
            {
                return -1;
            }
            SkipBreak();
            return FirstContentLine();
        }

        private string Rest()
        {
            int end = pos;
            while (end < text.Length && !IsBreak(text[end]) && end - pos < 40)
            {
                end++;
            }
            return text.Substring(pos, end - pos);
        }

        /// <summary>Refuses the node properties and indicators outside the subset.</summary>
        private void CheckIndicator()
        {
            switch (Peek(0))
            {
                case '&':
                    throw Error("anchors (&) are not supported");
                case '*':
                    throw Error("aliases (*) are not supported");
                case '!':
                    throw Error("tags (!) are not supported");
                case '%':
                    throw Error("YAML directives are not supported");
                case '@':
                case '`':
                    throw Error("a plain value cannot start with " + Peek(0));
                case '?':
                    if (IsBlankOrEnd(1))
                    {
                        throw Error("explicit keys (?) are not supported");
                    }
                    break;
            }
        }

        // ---- block nodes

        /// <summary>The node at the current position (its first character), in a block whose parent is indented <paramref name="parent"/>.</summary>
        private object BlockNode(int parent)
        {
            Enter();
            try
            {
                int column = Column();
                CheckIndicator();
                char c = Peek(0);
                if (c == '-' && IsBlankOrEnd(1))
                {
                    return BlockSequence(column);
                }
                if (c == '|' || c == '>')
                {
                    return BlockScalar(parent);
                }
                if (c == '[' || c == '{')
                {
                    object flow = Flow();
                    SkipInline();
                    if (Peek(0) == ':')
                    {
                        throw Error("complex (collection) keys are not supported");
                    }
                    return flow;
                }
                int start = pos;
                string key;
                bool isKey = TryKey(out key);
                pos = start;
                if (isKey)
                {
                    return BlockMapping(column);
                }
                if (c == '"' || c == '\'')
                {
                    return Quoted();
                }
                return PlainBlock(parent);
            }
            finally
            {
                depth--;
            }
        }

        /// <summary>Reads a mapping key and its ':' when the line starts with one; false (position undefined) when not.</summary>
        private bool TryKey(out string key)
        {
            key = null;
            char c = Peek(0);
            if (c == '"' || c == '\'')
            {
                int line = Line(pos);
                string quoted = Quoted();
                if (Line(pos) != line)
                {
                    return false;
                }
                SkipInline();
                if (Peek(0) == ':' && IsBlankOrEnd(1))
                {
                    pos++;
                    key = quoted;
                    return true;
                }
                return false;
            }
            int start = pos;
            while (!AtEnd() && !IsBreak(Peek(0)))
            {
                if (Peek(0) == ':' && IsBlankOrEnd(1))
                {
                    key = text.Substring(start, pos - start).TrimEnd(' ', '\t');
                    pos++;
                    return true;
                }
                if (Peek(0) == '#' && pos > start && IsBlank(text[pos - 1]))
                {
                    return false;
                }
                pos++;
            }
            return false;
        }

        private Dictionary<string, object> BlockMapping(int indent)
        {
            Dictionary<string, object> map = new Dictionary<string, object>();
            while (true)
            {
                CheckIndicator();
                if (Peek(0) == '-' && IsBlankOrEnd(1))
                {
                    throw Error("a sequence entry where a mapping key was expected");
                }
                int start = pos;
                string key;
                if (!TryKey(out key))
                {
                    pos = start;
                    throw Error("expected a mapping key (\"name: value\"), found " + Strings.Quoted(Rest()));
                }
                if (key == "<<")
                {
                    pos = start;
                    throw Error("merge keys (<<) are not supported");
                }
                if (key.Length > 0 && (key[0] == '[' || key[0] == '{'))
                {
                    pos = start;
                    throw Error("complex (collection) keys are not supported");
                }
                map[key] = MappingValue(indent);
                int end = pos;
                int next = NextContentLine();
                if (next < indent)
                {
                    pos = end;
                    return map;
                }
                if (next > indent)
                {
                    throw Error("bad indentation: a line more indented than the mapping's keys");
                }
            }
        }

        /// <summary>The value after a key's ':' (on its line, or on the lines below; none: null).</summary>
        private object MappingValue(int indent)
        {
            SkipInline();
            if (AtLineEnd())
            {
                int end = pos;
                int next = NextContentLine();
                if (next > indent)
                {
                    return BlockNode(indent);
                }
                if (next == indent && Peek(0) == '-' && IsBlankOrEnd(1))
                {
                    return BlockSequence(indent);
                }
                pos = end;
                return null;
            }
            if (Peek(0) == '-' && IsBlankOrEnd(1))
            {
                throw Error("a sequence cannot start on its key's line");
            }
            int start = pos;
            string key;
            bool nested = Peek(0) != '"' && Peek(0) != '\'' && Peek(0) != '[' && Peek(0) != '{' && TryKey(out key);
            pos = start;
            if (nested)
            {
                throw Error("a mapping cannot start on its key's line (\"a: b: c\")");
            }
            Enter();
            try
            {
                CheckIndicator();
                char c = Peek(0);
                if (c == '|' || c == '>')
                {
                    return BlockScalar(indent);
                }
                if (c == '[' || c == '{')
                {
                    return Flow();
                }
                if (c == '"' || c == '\'')
                {
                    return Quoted();
                }
                return PlainBlock(indent);
            }
            finally
            {
                depth--;
            }
        }

        private List<object> BlockSequence(int indent)
        {
            List<object> items = new List<object>();
            while (true)
            {
                pos++; // the '-'
                SkipInline();
                if (AtLineEnd())
                {
                    int end = pos;
                    int next = NextContentLine();
                    if (next > indent)
                    {
                        items.Add(BlockNode(indent));
                    }
                    else
                    {
                        pos = end;
                        items.Add(null);
                    }
                }
                else
                {
                    items.Add(BlockNode(indent));
                }
                int last = pos;
                int following = NextContentLine();
                if (following == indent && Peek(0) == '-' && IsBlankOrEnd(1))
                {
                    continue;
                }
                if (following > indent)
                {
                    throw Error("bad indentation: a line more indented than the sequence's entries");
                }
                pos = last;
                return items;
            }
        }

        /// <summary>A plain scalar of a block: the rest of the line, and lines more indented than <paramref name="parent"/> folded onto it.</summary>
        private object PlainBlock(int parent)
        {
            StringBuilder value = new StringBuilder(PlainLine());
            bool multiline = false;
            while (true)
            {
                int end = pos;
                SkipInline();
                if (!AtEnd() && Peek(0) == '#')
                {
                    pos = end;
                    break; // a comment ends a plain scalar
                }
                int next = NextContentLine();
                if (next <= parent || (Peek(0) == '-' && IsBlankOrEnd(1)) || Peek(0) == '#')
                {
                    pos = end;
                    break;
                }
                int start = pos;
                string key;
                if (TryKey(out key))
                {
                    pos = start;
                    throw Error("a mapping key inside a multi-line plain value (check the indentation)");
                }
                pos = start;
                value.Append(skippedBlankLines == 0 ? " " : new string('\n', skippedBlankLines));
                value.Append(PlainLine());
                multiline = true;
            }
            string text = value.ToString();
            return multiline ? text : Resolve(text);
        }

        /// <summary>A plain scalar's text on the current line: up to a comment or the line's end, without trailing blanks.</summary>
        private string PlainLine()
        {
            int start = pos;
            while (!AtEnd() && !IsBreak(Peek(0)))
            {
                if (Peek(0) == '#' && pos > start && IsBlank(text[pos - 1]))
                {
                    break;
                }
                if (Peek(0) == ':' && IsBlankOrEnd(1))
                {
                    throw Error("a ':' followed by a space inside a plain value (quote the value)");
                }
                pos++;
            }
            string line = text.Substring(start, pos - start).TrimEnd(' ', '\t');
            pos = start + line.Length;
            return line;
        }

        private static object Resolve(string plain)
        {
            switch (plain)
            {
                case "":
                case "~":
                case "null":
                case "Null":
                case "NULL":
                    return null;
                case "true":
                case "True":
                case "TRUE":
                    return true;
                case "false":
                case "False":
                case "FALSE":
                    return false;
                default:
                    return plain;
            }
        }

        /// <summary>A literal (|) or folded (&gt;) block scalar, its lines indented more than <paramref name="parent"/>.</summary>
        private string BlockScalar(int parent)
        {
            int headerAt = pos;
            bool folded = Peek(0) == '>';
            pos++;
            char chomping = ' ';
            int explicitIndent = 0;
            while (!AtEnd() && !IsBlank(Peek(0)) && !IsBreak(Peek(0)))
            {
                char c = Peek(0);
                if ((c == '-' || c == '+') && chomping == ' ')
                {
                    chomping = c;
                }
                else if (c >= '1' && c <= '9' && explicitIndent == 0)
                {
                    explicitIndent = c - '0';
                }
                else
                {
                    throw Error("a block scalar header (|, >, with -, + or a digit) followed by " + Strings.Quoted(c.ToString()));
                }
                pos++;
            }
            SkipInline();
            if (!AtLineEnd())
            {
                throw Error("text after a block scalar's header");
            }
            while (!AtEnd() && !IsBreak(Peek(0)))
            {
                pos++;
            }
            int baseIndent = parent < 0 ? 0 : parent;
            int indent = explicitIndent > 0 ? baseIndent + explicitIndent : -1;
            List<string> lines = new List<string>();
            int lastContentEnd = pos;
            int contentLines = 0;
            while (!AtEnd())
            {
                int lineStart = pos;
                SkipBreak();
                int start = pos;
                while (!AtEnd() && Peek(0) == ' ')
                {
                    pos++;
                }
                int spaces = pos - start;
                bool empty = AtEnd() || IsBreak(Peek(0));
                if (empty)
                {
                    lines.Add("");
                    continue;
                }
                if (indent < 0)
                {
                    if (spaces <= parent)
                    {
                        pos = lineStart;
                        break;
                    }
                    indent = spaces;
                }
                if (spaces < indent)
                {
                    if (Peek(0) == '\t' && spaces > parent)
                    {
                        throw Error("a tab in a block scalar's indentation");
                    }
                    pos = lineStart;
                    break;
                }
                int contentStart = start + indent;
                while (!AtEnd() && !IsBreak(Peek(0)))
                {
                    pos++;
                }
                lines.Add(text.Substring(contentStart, pos - contentStart));
                lastContentEnd = pos;
                contentLines = lines.Count;
            }
            int trailing = lines.Count - contentLines;
            lines.RemoveRange(contentLines, trailing);
            pos = lastContentEnd;
            if (pos < headerAt)
            {
                pos = headerAt;
            }
            StringBuilder value = new StringBuilder();
            if (!folded)
            {
                value.Append(string.Join("\n", lines));
            }
            else
            {
                bool previousNormal = false;
                int pendingEmpty = 0;
                bool first = true;
                foreach (string line in lines)
                {
                    if (line.Length == 0)
                    {
                        pendingEmpty++;
                        continue;
                    }
                    bool normal = line[0] != ' ' && line[0] != '\t';
                    if (first)
                    {
                        value.Append('\n', pendingEmpty);
                    }
                    else if (previousNormal && normal && pendingEmpty == 0)
                    {
                        value.Append(' ');
                    }
                    else
                    {
                        value.Append('\n', pendingEmpty + (previousNormal && normal ? 0 : 1));
                    }
                    value.Append(line);
                    previousNormal = normal;
                    pendingEmpty = 0;
                    first = false;
                }
                value.Append('\n', first ? pendingEmpty : 0);
            }
            if (chomping == '-')
            {
                return value.ToString();
            }
            if (contentLines == 0)
            {
                return chomping == '+' ? new string('\n', trailing) : "";
            }
            return chomping == '+' ? value.Append('\n', trailing + 1).ToString() : value.Append('\n').ToString();
        }

        // ---- quoted scalars

        private string Quoted()
        {
            int start = pos;
            char quote = Peek(0);
            pos++;
            StringBuilder value = new StringBuilder();
            while (true)
            {
                if (AtEnd())
                {
                    throw ErrorAt(start, "a quoted value without its closing " + quote);
                }
                char c = Peek(0);
                if (c == quote)
                {
                    if (quote == '\'' && Peek(1) == '\'')
                    {
                        value.Append('\'');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    return value.ToString();
                }
                if (IsBreak(c))
                {
                    Fold(value);
                    continue;
                }
                if (c == '\\' && quote == '"')
                {
                    Escape(value);
                    continue;
                }
                value.Append(c);
                pos++;
            }
        }

        /// <summary>A line break inside a quoted value: trailing blanks dropped, then a space, or one newline per empty line.</summary>
        private void Fold(StringBuilder value)
        {
            while (value.Length > 0 && IsBlank(value[value.Length - 1]))
            {
                value.Length--;
            }
            int empty = 0;
            SkipBreak();
            while (true)
            {
                SkipInline();
                if (IsBreak(Peek(0)))
                {
                    SkipBreak();
                    empty++;
                    continue;
                }
                break;
            }
            if (IsMarker("---") || IsMarker("..."))
            {
                throw Error("a document marker inside a quoted value");
            }
            value.Append(empty == 0 ? " " : new string('\n', empty));
        }

        private void Escape(StringBuilder value)
        {
            int start = pos;
            pos++; // the backslash
            char c = Peek(0);
            if (IsBreak(c))
            {
                // an escaped line break: the lines join, the next one's indentation dropped
                SkipBreak();
                SkipInline();
                return;
            }
            pos++;
            switch (c)
            {
                case '0': value.Append('\0'); return;
                case 'a': value.Append('\a'); return;
                case 'b': value.Append('\b'); return;
                case 't': value.Append('\t'); return;
                case '\t': value.Append('\t'); return;
                case 'n': value.Append('\n'); return;
                case 'v': value.Append('\v'); return;
                case 'f': value.Append('\f'); return;
                case 'r': value.Append('\r'); return;
                case 'e': value.Append('\u001b'); return;
                case ' ': value.Append(' '); return;
                case '"': value.Append('"'); return;
                case '/': value.Append('/'); return;
                case '\\': value.Append('\\'); return;
                case 'N': value.Append('\u0085'); return;
                case '_': value.Append('\u00a0'); return;
                case 'L': value.Append('\u2028'); return;
                case 'P': value.Append('\u2029'); return;
                case 'x': value.Append(Hex(2, start)); return;
                case 'u': value.Append(Hex(4, start)); return;
                case 'U': value.Append(Hex(8, start)); return;
                default:
                    throw ErrorAt(start, "an unknown escape \\" + c + " in a double-quoted value");
            }
        }

        private string Hex(int digits, int start)
        {
            int code;
            if (pos + digits > text.Length
                || !int.TryParse(text.Substring(pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code)
                || code < 0
                || code > 0x10FFFF
                || (code >= 0xD800 && code <= 0xDFFF && digits != 4))
            {
                throw ErrorAt(start, "a \\x, \\u or \\U escape without its " + digits + " hex digits");
            }
            pos += digits;
            return code <= 0xFFFF ? ((char)code).ToString() : char.ConvertFromUtf32(code);
        }

        // ---- flow collections

        private object Flow()
        {
            Enter();
            try
            {
                int start = pos;
                char open = Peek(0);
                pos++;
                if (open == '[')
                {
                    List<object> items = new List<object>();
                    while (true)
                    {
                        SkipFlowSpace(start);
                        if (Peek(0) == ']')
                        {
                            pos++;
                            return items;
                        }
                        items.Add(FlowNode(start));
                        SkipFlowSpace(start);
                        if (Peek(0) == ':')
                        {
                            throw Error("a single-pair mapping inside a flow sequence is not supported (write {a: b})");
                        }
                        if (Peek(0) == ',')
                        {
                            pos++;
                            continue;
                        }
                        if (Peek(0) != ']')
                        {
                            throw Error("expected ',' or ']' in a flow sequence, found " + Strings.Quoted(Rest()));
                        }
                    }
                }
                Dictionary<string, object> map = new Dictionary<string, object>();
                while (true)
                {
                    SkipFlowSpace(start);
                    if (Peek(0) == '}')
                    {
                        pos++;
                        return map;
                    }
                    CheckIndicator();
                    if (Peek(0) == '[' || Peek(0) == '{')
                    {
                        throw Error("complex (collection) keys are not supported");
                    }
                    string key = Peek(0) == '"' || Peek(0) == '\'' ? Quoted() : PlainFlow(true);
                    if (key == "<<")
                    {
                        throw Error("merge keys (<<) are not supported");
                    }
                    SkipFlowSpace(start);
                    object value = null;
                    if (Peek(0) == ':')
                    {
                        pos++;
                        SkipFlowSpace(start);
                        if (Peek(0) != ',' && Peek(0) != '}')
                        {
                            value = FlowNode(start);
                        }
                        SkipFlowSpace(start);
                    }
                    map[key] = value;
                    if (Peek(0) == ',')
                    {
                        pos++;
                        continue;
                    }
                    if (Peek(0) != '}')
                    {
                        throw Error("expected ',' or '}' in a flow mapping, found " + Strings.Quoted(Rest()));
                    }
                }
            }
            finally
            {
                depth--;
            }
        }

        private object FlowNode(int start)
        {
            CheckIndicator();
            char c = Peek(0);
            if (c == '[' || c == '{')
            {
                return Flow();
            }
            if (c == '"' || c == '\'')
            {
                return Quoted();
            }
            if (c == '-' && IsBlankOrEnd(1))
            {
                throw Error("a block sequence inside a flow collection");
            }
            return Resolve(PlainFlow(false));
        }

        /// <summary>A plain scalar in a flow collection: up to ',', a bracket, ': ' or a comment; its lines folded.</summary>
        private string PlainFlow(bool key)
        {
            StringBuilder value = new StringBuilder();
            int start = pos;
            while (!AtEnd())
            {
                char c = Peek(0);
                if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')
                {
                    break;
                }
                if (c == ':' && (IsBlankOrEnd(1) || Peek(1) == ',' || Peek(1) == ']' || Peek(1) == '}'))
                {
                    break;
                }
                if (c == '#' && pos > start && (IsBlank(text[pos - 1]) || IsBreak(text[pos - 1])))
                {
                    break;
                }
                if (IsBreak(c))
                {
                    int end = pos;
                    while (!AtEnd() && (IsBreak(Peek(0)) || IsBlank(Peek(0))))
                    {
                        pos++;
                    }
                    char after = Peek(0);
                    if (AtEnd() || after == ',' || after == ']' || after == '}' || after == ':' || after == '#')
                    {
                        pos = end;
                        break;
                    }
                    Trim(value);
                    value.Append(' ');
                    continue;
                }
                value.Append(c);
                pos++;
            }
            Trim(value);
            if (value.Length == 0)
            {
                throw Error(key ? "expected a key in a flow mapping" : "expected a value in a flow collection, found " + Strings.Quoted(Rest()));
            }
            return value.ToString();
        }

        private static void Trim(StringBuilder value)
        {
            while (value.Length > 0 && IsBlank(value[value.Length - 1]))
            {
                value.Length--;
            }
        }

        /// <summary>Skips blanks, line breaks and comments between a flow collection's tokens; it must not end there.</summary>
        private void SkipFlowSpace(int start)
        {
            while (true)
            {
                if (AtEnd())
                {
                    throw ErrorAt(pos, "a flow collection (opened at line " + Line(start) + ") without its closing bracket");
                }
                char c = Peek(0);
                if (IsBlank(c) || IsBreak(c))
                {
                    pos++;
                    continue;
                }
                if (c == '#' && (pos == 0 || IsBlank(text[pos - 1]) || IsBreak(text[pos - 1])))
                {
                    while (!AtEnd() && !IsBreak(Peek(0)))
                    {
                        pos++;
                    }
                    continue;
                }
                if (IsMarker("---") || IsMarker("..."))
                {
                    throw Error("a document marker inside a flow collection");
                }
                return;
            }
        }
    }
}
