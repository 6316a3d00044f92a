// kgen:header
namespace kgen.templates.csharp.runtime
{
    /// <summary>One cause of a failure a Status gives in its details: which field, and why.</summary>
    public sealed class StatusCause
    {
        /// <summary>A cause with its reason, message and field ("" for what the server left out).</summary>
        public StatusCause(string reason, string message, string field)
        {
            Reason = reason ?? "";
            Message = message ?? "";
            Field = field ?? "";
        }

        /// <summary>A machine-readable reason (FieldValueRequired, FieldValueInvalid, ...).</summary>
        public string Reason { get; }

        /// <summary>What is wrong, for a person.</summary>
        public string Message { get; }

        /// <summary>The field at fault (<c>spec.containers[0].image</c>), or "".</summary>
        public string Field { get; }

        /// <summary>The field and message.</summary>
        public override string ToString()
        {
            return Field.Length == 0 ? Reason + ": " + Message : Field + ": " + Message;
        }
    }
}
