// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System.Text;

    /// <summary>Text as messages show it.</summary>
    internal static class Strings
    {
        /// <summary>
        /// A value in double quotes with quotes, backslashes and control characters escaped, so
        /// that what a message quotes cannot pass for the message itself.
        /// </summary>
        internal static string Quoted(string value)
        {
            StringBuilder text = new StringBuilder(value.Length + 2).Append('"');
            foreach (char c in value)
            {
                if (c == '"' || c == '\\')
                {
                    text.Append('\\').Append(c);
                }
                else if (c < ' ' || c == '\u007f')
                {
                    text.Append("\\u").Append(((int)c).ToString("x4"));
                }
                else
                {
                    text.Append(c);
                }
            }
            return text.Append('"').ToString();
        }
    }
}
