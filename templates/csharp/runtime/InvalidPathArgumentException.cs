// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;

    /// <summary>
    /// A path parameter that would address something else than one object: null, empty, "." or
    /// "..", or holding "/" or "%2F" (a delete of one pod would become a delete of its namespace
    /// or of every pod). Nothing was sent.
    /// </summary>
    public class InvalidPathArgumentException : ArgumentException
    {
        /// <summary>The refusal of <paramref name="value"/> for the path parameter <paramref name="parameter"/>.</summary>
        public InvalidPathArgumentException(string parameter, string value)
            : base("path argument " + parameter + "=" + (value == null ? "null" : Strings.Quoted(value))
                + " is not the name of one object: it must not be null, empty, \".\" or \"..\", nor contain \"/\" or \"%2F\"")
        {
            Parameter = parameter;
        }

        /// <summary>The name of the path parameter.</summary>
        public string Parameter { get; }
    }
}
