// What the test programs print: JSON lines written by hand (the tests' own output, not the client's).

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

public static class Emit
{
    public static void Line(string what, string json)
    {
        Console.WriteLine("{" + Str(what) + ": " + json + "}");
    }

    /// <summary>A JSON string (null as null).</summary>
    public static string Str(string text)
    {
        if (text == null)
        {
            return "null";
        }
        StringBuilder out_ = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c == '"')
            {
                out_.Append("\\\"");
            }
            else if (c == '\\')
            {
                out_.Append("\\\\");
            }
            else if (c < 0x20)
            {
                out_.Append("\\u").Append(((int)c).ToString("x4"));
            }
            else
            {
                out_.Append(c);
            }
        }
        return out_.Append('"').ToString();
    }

    public static string Strs(IEnumerable<string> values)
    {
        return "[" + string.Join(", ", values.Select(Str)) + "]";
    }

    public static string Bool(bool value)
    {
        return value ? "true" : "false";
    }
}
