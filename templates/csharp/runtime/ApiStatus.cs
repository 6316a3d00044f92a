// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System.Collections.Generic;
    using global::System.Text;

    /// <summary>
    /// The runtime's own record of a meta/v1 Status (errors can come from any operation of any
    /// document, so it never depends on generated classes): the code, status (Success or
    /// Failure), reason, message, the details as they were sent (null when absent) and their
    /// causes.
    /// </summary>
    public sealed class ApiStatus
    {
        private static readonly IList<StatusCause> NoCauses = new List<StatusCause>().AsReadOnly();

        /// <summary>A Status of these parts ("" for text the server left out).</summary>
        public ApiStatus(int code, string status, string reason, string message, RawJson details)
        {
            Code = code;
            Status = status ?? "";
            Reason = reason ?? "";
            Message = message ?? "";
            Details = details;
            Causes = details == null ? NoCauses : CausesOf(JsonValues.Parse(details.ToString()));
        }

        /// <summary>The HTTP status code the Status gives (0 when it gives none).</summary>
        public int Code { get; }

        /// <summary>"Success" or "Failure".</summary>
        public string Status { get; }

        /// <summary>A machine-readable reason (NotFound, AlreadyExists, Invalid, Expired, ...), or "".</summary>
        public string Reason { get; }

        /// <summary>What happened, for a person.</summary>
        public string Message { get; }

        /// <summary>The details member as it was sent (name, group, kind, causes, retryAfterSeconds), or null.</summary>
        public RawJson Details { get; }

        /// <summary>The causes the details list (field by field for an invalid object); empty when none.</summary>
        public IList<StatusCause> Causes { get; }

        /// <summary>Whether a decoded JSON value is a Status (its kind says so).</summary>
        internal static bool IsStatus(object value)
        {
            return JsonValues.String(value, "kind") == "Status";
        }

        /// <summary>The Status a decoded JSON object describes.</summary>
        internal static ApiStatus Of(object value)
        {
            JsonNumber number = JsonValues.Member(value, "code") as JsonNumber;
            int code = 0;
            if (number != null)
            {
                try
                {
                    long read = number.ToInt64();
                    code = read >= -999 && read <= 999 ? (int)read : 0;
                }
                catch (global::System.OverflowException)
                {
                    code = 0;
                }
            }
            object details = JsonValues.Member(value, "details");
            return new ApiStatus(
                code,
                JsonValues.String(value, "status"),
                JsonValues.String(value, "reason"),
                JsonValues.String(value, "message"),
                details is IDictionary<string, object> ? RawJson.Of(JsonValues.Text(details)) : null);
        }

        /// <summary>
        /// The Status of a failed response: its body when that is a Status, else one whose message
        /// is the body's start.
        /// </summary>
        internal static ApiStatus OfFailure(int httpCode, byte[] body)
        {
            try
            {
                if (body.Length > 0)
                {
                    object value = JsonValues.Parse(body);
                    if (IsStatus(value))
                    {
                        ApiStatus status = Of(value);
                        return status.Code == 0 ? new ApiStatus(httpCode, status.Status, status.Reason, status.Message, status.Details) : status;
                    }
                }
            }
            catch (DecodeException)
            {
                // not JSON: the body's text is the message
            }
            string text = new UTF8Encoding(false, false).GetString(body).Trim();
            return new ApiStatus(httpCode, "Failure", "", text.Length > 1000 ? text.Substring(0, 1000) : text, null);
        }

        private static IList<StatusCause> CausesOf(object details)
        {
            IList<object> causes = JsonValues.Member(details, "causes") as IList<object>;
            if (causes == null)
            {
                return NoCauses;
            }
            List<StatusCause> read = new List<StatusCause>(causes.Count);
            foreach (object cause in causes)
            {
                read.Add(new StatusCause(JsonValues.String(cause, "reason"), JsonValues.String(cause, "message"), JsonValues.String(cause, "field")));
            }
            return read.AsReadOnly();
        }

        /// <summary>The code, reason and message.</summary>
        public override string ToString()
        {
            return Code + " " + (Reason.Length == 0 ? "Error" : Reason) + ": " + Message;
        }
    }
}
