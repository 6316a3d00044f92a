// kgen:header
namespace kgen.templates.csharp.runtime
{
    /// <summary>How a patch body is read by the server: its content type.</summary>
    public sealed class PatchType
    {
        /// <summary>A JSON Patch (RFC 6902): a list of operations.</summary>
        public static readonly PatchType Json = new PatchType("application/json-patch+json");

        /// <summary>A JSON Merge Patch (RFC 7386): the members to set, null to remove.</summary>
        public static readonly PatchType Merge = new PatchType("application/merge-patch+json");

        /// <summary>A Kubernetes strategic merge patch: lists merged by their keys.</summary>
        public static readonly PatchType StrategicMerge = new PatchType("application/strategic-merge-patch+json");

        /// <summary>Server-side apply: the fields this manager owns (give a field manager in the options).</summary>
        public static readonly PatchType Apply = new PatchType("application/apply-patch+yaml");

        private PatchType(string contentType)
        {
            ContentType = contentType;
        }

        /// <summary>The Content-Type the patch is sent with.</summary>
        public string ContentType { get; }

        /// <summary>The Content-Type.</summary>
        public override string ToString()
        {
            return ContentType;
        }
    }
}
