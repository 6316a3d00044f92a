// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Globalization;
    using global::System.IO;
    using global::Newtonsoft.Json;

    /// <summary>
    /// A JSON value kept as its text: members a model does not know, untyped fields (any JSON
    /// value) and FieldsV1. Members keep their order and number tokens their exact spelling;
    /// only insignificant whitespace (and the spelling of string escapes) may differ from what
    /// came.
    /// </summary>
    public sealed class RawJson : IEquatable<RawJson>
    {
        /// <summary>The JSON null.</summary>
        public static readonly RawJson Null = new RawJson("null");

        /// <summary>Reads any value (the current token and, for objects and arrays, all it holds).</summary>
        public static readonly IJsonCodec<RawJson> Codec = new RawJsonCodec();

        private readonly string json;

        private RawJson(string json)
        {
            this.json = json;
        }

        /// <summary>The value <paramref name="json"/> spells.</summary>
        /// <exception cref="DecodeException">It is not one JSON value.</exception>
        public static RawJson Of(string json)
        {
            if (json == null)
            {
                throw new ArgumentNullException("json");
            }
            if (json.Trim().Length == 0)
            {
                throw new DecodeException("an empty text is not a JSON value");
            }
            return Json.Decode(json, Codec) ?? Null;
        }

        /// <summary>The JSON of <paramref name="value"/>, written by its codec.</summary>
        public static RawJson Of<T>(T value, IJsonCodec<T> codec)
        {
            return value == null ? Null : new RawJson(Json.Encode(value, codec));
        }

        /// <summary>The value read with <paramref name="codec"/> (default(T) for JSON null).</summary>
        /// <exception cref="DecodeException">It is not of the codec's type.</exception>
        public T As<T>(IJsonCodec<T> codec)
        {
            return Json.Decode(json, codec);
        }

        /// <summary>Whether this is JSON null.</summary>
        public bool IsNull
        {
            get { return json == "null"; }
        }

        /// <summary>The JSON text.</summary>
        public override string ToString()
        {
            return json;
        }

        /// <summary>Equal texts.</summary>
        public bool Equals(RawJson other)
        {
            return other != null && other.json == json;
        }

        /// <inheritdoc/>
        public override bool Equals(object obj)
        {
            return Equals(obj as RawJson);
        }

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            return StringComparer.Ordinal.GetHashCode(json);
        }

        /// <summary>Copies the value at the reader's token, numbers by their exact text, iteratively.</summary>
        internal static string Copy(JsonReader reader)
        {
            StringWriter text = new StringWriter(CultureInfo.InvariantCulture);
            using (JsonTextWriter writer = Json.Writer(text))
            {
                int depth = 0;
                do
                {
                    switch (reader.TokenType)
                    {
                        case JsonToken.StartObject:
                            writer.WriteStartObject();
                            depth++;
                            break;
                        case JsonToken.StartArray:
                            writer.WriteStartArray();
                            depth++;
                            break;
                        case JsonToken.EndObject:
                            writer.WriteEndObject();
                            depth--;
                            break;
                        case JsonToken.EndArray:
                            writer.WriteEndArray();
                            depth--;
                            break;
                        case JsonToken.PropertyName:
                            writer.WritePropertyName((string)reader.Value);
                            break;
                        case JsonToken.String:
                            writer.WriteValue((string)reader.Value);
                            break;
                        case JsonToken.Integer:
                        case JsonToken.Float:
                            writer.WriteRawValue(JsonSource.Number(reader));
                            break;
                        case JsonToken.Boolean:
                            writer.WriteValue((bool)reader.Value);
                            break;
                        case JsonToken.Null:
                            writer.WriteNull();
                            break;
                        default:
                            throw Json.Mismatch(reader, "a JSON value");
                    }
                    if (depth == 0)
                    {
                        break;
                    }
                    if (!reader.Read())
                    {
                        throw new DecodeException("the JSON ended inside a value at " + Json.Where(reader));
                    }
                }
                while (true);
            }
            return text.ToString();
        }

        private sealed class RawJsonCodec : IJsonCodec<RawJson>
        {
            public RawJson Read(JsonReader reader)
            {
                return new RawJson(Copy(reader));
            }

            public void Write(JsonWriter writer, RawJson value)
            {
                writer.WriteRawValue(value.json);
            }
        }
    }
}
