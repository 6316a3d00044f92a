// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System.Collections.Generic;
    using global::Newtonsoft.Json;

    /// <summary>
    /// Untyped JSON for what the runtime reads without generated classes (a Status, a watch
    /// event's envelope, an ExecCredential): objects as dictionaries, arrays as lists, strings,
    /// numbers as <see cref="JsonNumber"/>, booleans and null.
    /// </summary>
    internal static class JsonValues
    {
        private static readonly IJsonCodec<object> Any = new AnyCodec();

        /// <summary>The value <paramref name="body"/> holds; DecodeException when it is not one JSON value.</summary>
        internal static object Parse(byte[] body)
        {
            if (body.Length == 0)
            {
                throw new DecodeException("an empty body where JSON was expected");
            }
            return Json.Decode(body, Any);
        }

        /// <summary>The value <paramref name="text"/> holds; DecodeException when it is not one JSON value.</summary>
        internal static object Parse(string text)
        {
            if (text.Trim().Length == 0)
            {
                throw new DecodeException("an empty text where JSON was expected");
            }
            return Json.Decode(text, Any);
        }

        /// <summary>The member <paramref name="name"/> of an object, or null when it is not an object or lacks it.</summary>
        internal static object Member(object value, string name)
        {
            IDictionary<string, object> members = value as IDictionary<string, object>;
            object member;
            return members != null && members.TryGetValue(name, out member) ? member : null;
        }

        /// <summary>The member <paramref name="name"/> when it is a string, else "".</summary>
        internal static string String(object value, string name)
        {
            return Member(value, name) as string ?? "";
        }

        /// <summary>A value as JSON text.</summary>
        internal static string Text(object value)
        {
            return value == null ? "null" : Json.Encode(value, Any);
        }

        private sealed class AnyCodec : IJsonCodec<object>
        {
            public object Read(JsonReader reader)
            {
                switch (reader.TokenType)
                {
                    case JsonToken.StartObject:
                    {
                        Dictionary<string, object> members = new Dictionary<string, object>();
                        string name;
                        while (Json.NextProperty(reader, out name))
                        {
                            members[name] = Json.Read(reader, this);
                        }
                        return members;
                    }
                    case JsonToken.StartArray:
                        return Json.ListOf(this).Read(reader);
                    case JsonToken.String:
                        return (string)reader.Value;
                    case JsonToken.Integer:
                    case JsonToken.Float:
                        return JsonNumber.Codec.Read(reader);
                    case JsonToken.Boolean:
                        return (bool)reader.Value;
                    default:
                        throw Json.Mismatch(reader, "a JSON value");
                }
            }

            public void Write(JsonWriter writer, object value)
            {
                IDictionary<string, object> members = value as IDictionary<string, object>;
                IList<object> items = value as IList<object>;
                if (members != null)
                {
                    Json.MapOf(this).Write(writer, members);
                }
                else if (items != null)
                {
                    Json.ListOf(this).Write(writer, items);
                }
                else if (value is JsonNumber)
                {
                    JsonNumber.Codec.Write(writer, (JsonNumber)value);
                }
                else if (value is bool)
                {
                    writer.WriteValue((bool)value);
                }
                else
                {
                    writer.WriteValue(value.ToString());
                }
            }
        }
    }
}
