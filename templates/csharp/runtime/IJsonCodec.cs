// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::Newtonsoft.Json;

    /// <summary>
    /// Reads and writes one type as JSON with Newtonsoft.Json's streaming API: every generated
    /// model, open enum and runtime value type has one (<c>Pod.Codec</c>), so no reflection is
    /// ever needed.
    /// </summary>
    /// <typeparam name="T">The type this codec reads and writes.</typeparam>
    public interface IJsonCodec<T>
    {
        /// <summary>
        /// Reads a value whose first token is the reader's current token, leaving the reader on
        /// its last token. JSON null is handled by callers (<see cref="Json.Read{T}"/>), never
        /// passed here.
        /// </summary>
        T Read(JsonReader reader);

        /// <summary>Writes a non-null value.</summary>
        void Write(JsonWriter writer, T value);
    }
}
