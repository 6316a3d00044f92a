// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.Globalization;
    using global::System.IO;
    using global::System.Numerics;
    using global::System.Text;
    using global::Newtonsoft.Json;

    /// <summary>
    /// The JSON core every codec shares: whole-body decode and encode, and the helpers generated
    /// codecs call for fields, lists, maps, primitives and members they do not know. Decoding is
    /// strict JSON, bounded in depth and number length, and keeps number tokens exact (even
    /// beyond double's range: 1e400 is kept by JsonNumber, Quantity and RawJson, and refused by
    /// Double).
    /// </summary>
    public static class Json
    {
        /// <summary>Objects and arrays nested deeper than this are refused (a hostile body cannot overflow).</summary>
        public const int MaxDepth = 1000;

        /// <summary>Longest number token accepted, in characters.</summary>
        public const int MaxNumberLength = 1000;

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, true);

        /// <summary>A JSON string.</summary>
        public static readonly IJsonCodec<string> String = new StringCodec();

        /// <summary>A JSON boolean.</summary>
        public static readonly IJsonCodec<bool?> Boolean = new BooleanCodec();

        /// <summary>A JSON integer that fits 32 bits.</summary>
        public static readonly IJsonCodec<int?> Int32 = new Int32Codec();

        /// <summary>A JSON integer that fits 64 bits.</summary>
        public static readonly IJsonCodec<long?> Int64 = new Int64Codec();

        /// <summary>A JSON number (an integer too) read as the nearest double.</summary>
        public static readonly IJsonCodec<double?> Double = new DoubleCodec();

        /// <summary>Bytes sent as a base64 string (format: byte).</summary>
        public static readonly IJsonCodec<byte[]> Bytes = new BytesCodec();

        /// <summary>
        /// A body that is text, not JSON (a pod's log): <see cref="Decode{T}(byte[], IJsonCodec{T})"/>
        /// gives it verbatim, as UTF-8; inside JSON, a string.
        /// </summary>
        public static readonly IJsonCodec<string> Text = new Verbatim<string>(String, body => Encoding.UTF8.GetString(body));

        /// <summary>
        /// A body of bytes, not JSON: <see cref="Decode{T}(byte[], IJsonCodec{T})"/> gives it
        /// verbatim; inside JSON, a base64 string.
        /// </summary>
        public static readonly IJsonCodec<byte[]> Octets = new Verbatim<byte[]>(Bytes, body => (byte[])body.Clone());

        /// <summary>A JSON array of items, as a <see cref="List{T}"/>; JSON null items are kept as null.</summary>
        public static IJsonCodec<IList<T>> ListOf<T>(IJsonCodec<T> item)
        {
            if (item == null)
            {
                throw new ArgumentNullException("item");
            }
            return new ListCodec<T>(item);
        }

        /// <summary>
        /// A JSON object of values, in the order they came (a <see cref="Dictionary{TKey, TValue}"/>
        /// keeps insertion order while nothing is removed); JSON null values are kept as null.
        /// </summary>
        public static IJsonCodec<IDictionary<string, T>> MapOf<T>(IJsonCodec<T> value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }
            return new MapCodec<T>(value);
        }

        /// <summary>An open enum's codec: any string is read, through <paramref name="of"/>, and written as its value.</summary>
        public static IJsonCodec<T> OpenEnum<T>(Func<string, T> of)
            where T : OpenEnum
        {
            if (of == null)
            {
                throw new ArgumentNullException("of");
            }
            return new OpenEnumCodec<T>(of);
        }

        /// <summary>Checks that the current token starts an object, as a model's codec expects.</summary>
        public static void StartObject(JsonReader reader)
        {
            if (reader.TokenType != JsonToken.StartObject)
            {
                throw Mismatch(reader, "an object");
            }
        }

        /// <summary>
        /// Moves to the next member of the object being read and then onto its value, giving its
        /// name; false at the object's end.
        /// </summary>
        public static bool NextProperty(JsonReader reader, out string name)
        {
            if (!reader.Read())
            {
                throw new DecodeException("the JSON ended inside an object at " + Where(reader));
            }
            if (reader.TokenType == JsonToken.EndObject)
            {
                name = null;
                return false;
            }
            if (reader.TokenType != JsonToken.PropertyName)
            {
                throw Mismatch(reader, "a member name");
            }
            name = (string)reader.Value;
            if (!reader.Read())
            {
                throw new DecodeException("the JSON ended inside an object at " + Where(reader));
            }
            return true;
        }

        /// <summary>The value at the current token, or default(T) for JSON null.</summary>
        public static T Read<T>(JsonReader reader, IJsonCodec<T> codec)
        {
            return reader.TokenType == JsonToken.Null ? default(T) : codec.Read(reader);
        }

        /// <summary>Writes a value, or JSON null for null.</summary>
        public static void Write<T>(JsonWriter writer, T value, IJsonCodec<T> codec)
        {
            if (value == null)
            {
                writer.WriteNull();
            }
            else
            {
                codec.Write(writer, value);
            }
        }

        /// <summary>
        /// Keeps a member the model does not know, exactly, in the order it came; returns the map
        /// holding it (made on the first one, so that a model with none keeps none).
        /// </summary>
        public static IDictionary<string, RawJson> Unknown(JsonReader reader, string name, IDictionary<string, RawJson> unknown)
        {
            IDictionary<string, RawJson> kept = unknown ?? new Dictionary<string, RawJson>(2);
            kept[name] = RawJson.Codec.Read(reader);
            return kept;
        }

        /// <summary>Writes the member <paramref name="name"/> unless the value is null (absent).</summary>
        public static void Field<T>(JsonWriter writer, string name, T value, IJsonCodec<T> codec)
        {
            if (value != null)
            {
                writer.WritePropertyName(name);
                codec.Write(writer, value);
            }
        }

        /// <summary>Writes back the members a model did not know, in their order (a null map: none).</summary>
        public static void Unknown(JsonWriter writer, IDictionary<string, RawJson> unknown)
        {
            if (unknown == null)
            {
                return;
            }
            foreach (KeyValuePair<string, RawJson> member in unknown)
            {
                writer.WritePropertyName(member.Key);
                RawJson.Codec.Write(writer, member.Value ?? RawJson.Null);
            }
        }

        /// <summary>
        /// Decodes a whole text: one JSON value and nothing after it; JSON null and an empty text
        /// give default(T).
        /// </summary>
        /// <exception cref="DecodeException">The text is not JSON of the codec's type.</exception>
        public static T Decode<T>(string json, IJsonCodec<T> codec)
        {
            if (json == null)
            {
                throw new ArgumentNullException("json");
            }
            if (codec == null)
            {
                throw new ArgumentNullException("codec");
            }
            try
            {
                using (JsonSource reader = new JsonSource(json))
                {
                    if (!reader.Read())
                    {
                        return default(T);
                    }
                    T value = Read(reader, codec);
                    if (reader.Read())
                    {
                        throw new DecodeException("unexpected data after the JSON value at " + Where(reader));
                    }
                    return value;
                }
            }
            catch (JsonException e)
            {
                throw new DecodeException(Shorten(e.Message), e);
            }
            catch (FormatException e)
            {
                throw new DecodeException(e.Message, e);
            }
            catch (OverflowException e)
            {
                throw new DecodeException(e.Message, e);
            }
        }

        /// <summary>
        /// Decodes a whole UTF-8 body as <see cref="Decode{T}(string, IJsonCodec{T})"/> does;
        /// <see cref="Text"/> and <see cref="Octets"/> take the body as it is.
        /// </summary>
        public static T Decode<T>(byte[] utf8, IJsonCodec<T> codec)
        {
            if (utf8 == null)
            {
                throw new ArgumentNullException("utf8");
            }
            Verbatim<T> verbatim = codec as Verbatim<T>;
            if (verbatim != null)
            {
                return verbatim.Whole(utf8);
            }
            string text;
            try
            {
                int skip = utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;
                text = Utf8.GetString(utf8, skip, utf8.Length - skip);
            }
            catch (ArgumentException e)
            {
                throw new DecodeException("a body that is not UTF-8: " + e.Message, e);
            }
            return Decode(text, codec);
        }

        /// <summary>The JSON text of a non-null value.</summary>
        public static string Encode<T>(T value, IJsonCodec<T> codec)
        {
            StringWriter text = new StringWriter(CultureInfo.InvariantCulture);
            using (JsonTextWriter writer = Writer(text))
            {
                Write(writer, value, codec);
            }
            return text.ToString();
        }

        /// <summary>The JSON text of a non-null value, in UTF-8 (without a byte order mark).</summary>
        public static byte[] EncodeUtf8<T>(T value, IJsonCodec<T> codec)
        {
            return Utf8.GetBytes(Encode(value, codec));
        }

        /// <summary>The writer every encoding uses: compact, no dates, finite numbers only.</summary>
        internal static JsonTextWriter Writer(TextWriter text)
        {
            JsonTextWriter writer = new JsonTextWriter(text);
            writer.Formatting = Formatting.None;
            writer.DateFormatHandling = DateFormatHandling.IsoDateFormat;
            writer.CloseOutput = false;
            return writer;
        }

        /// <summary>Where the reader is, as a path (<c>spec.containers[0]</c>), or "the top".</summary>
        internal static string Where(JsonReader reader)
        {
            string path = reader.Path;
            return string.IsNullOrEmpty(path) ? "the top" : Shorten(path);
        }

        /// <summary>A message cut to a readable length (a path 1000 levels deep is not).</summary>
        internal static string Shorten(string message)
        {
            return message.Length <= 600 ? message : message.Substring(0, 400) + " ... " + message.Substring(message.Length - 150);
        }

        /// <summary>The error for a token of the wrong type, naming where it is.</summary>
        public static DecodeException Mismatch(JsonReader reader, string expected)
        {
            return new DecodeException("expected " + expected + " but found " + reader.TokenType + " at " + Where(reader));
        }

        private static bool IsNumber(JsonReader reader)
        {
            return reader.TokenType == JsonToken.Integer || reader.TokenType == JsonToken.Float;
        }

        private sealed class StringCodec : IJsonCodec<string>
        {
            public string Read(JsonReader reader)
            {
                if (reader.TokenType != JsonToken.String)
                {
                    throw Mismatch(reader, "a string");
                }
                return (string)reader.Value;
            }

            public void Write(JsonWriter writer, string value)
            {
                writer.WriteValue(value);
            }
        }

        private sealed class BooleanCodec : IJsonCodec<bool?>
        {
            public bool? Read(JsonReader reader)
            {
                if (reader.TokenType != JsonToken.Boolean)
                {
                    throw Mismatch(reader, "a boolean");
                }
                return (bool)reader.Value;
            }

            public void Write(JsonWriter writer, bool? value)
            {
                writer.WriteValue(value.Value);
            }
        }

        private sealed class Int32Codec : IJsonCodec<int?>
        {
            public int? Read(JsonReader reader)
            {
                int parsed;
                if (reader.TokenType != JsonToken.Integer
                    || !int.TryParse(JsonSource.Number(reader), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsed))
                {
                    throw Mismatch(reader, "a 32-bit integer");
                }
                return parsed;
            }

            public void Write(JsonWriter writer, int? value)
            {
                writer.WriteValue(value.Value);
            }
        }

        private sealed class Int64Codec : IJsonCodec<long?>
        {
            public long? Read(JsonReader reader)
            {
                long parsed;
                if (reader.TokenType != JsonToken.Integer
                    || !long.TryParse(JsonSource.Number(reader), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsed))
                {
                    throw Mismatch(reader, "a 64-bit integer");
                }
                return parsed;
            }

            public void Write(JsonWriter writer, long? value)
            {
                writer.WriteValue(value.Value);
            }
        }

        private sealed class DoubleCodec : IJsonCodec<double?>
        {
            public double? Read(JsonReader reader)
            {
                double parsed;
                if (!IsNumber(reader)
                    || !double.TryParse(JsonSource.Number(reader), NumberStyles.Float, CultureInfo.InvariantCulture, out parsed)
                    || double.IsInfinity(parsed))
                {
                    throw Mismatch(reader, "a number that fits a double");
                }
                return parsed;
            }

            public void Write(JsonWriter writer, double? value)
            {
                double number = value.Value;
                if (double.IsNaN(number) || double.IsInfinity(number))
                {
                    throw new ArgumentException("JSON has no number " + number.ToString(CultureInfo.InvariantCulture));
                }
                writer.WriteRawValue(JsonNumber.Spell(number));
            }
        }

        private sealed class BytesCodec : IJsonCodec<byte[]>
        {
            public byte[] Read(JsonReader reader)
            {
                if (reader.TokenType != JsonToken.String)
                {
                    throw Mismatch(reader, "a base64 string");
                }
                try
                {
                    return Convert.FromBase64String((string)reader.Value);
                }
                catch (FormatException e)
                {
                    throw new DecodeException("expected a base64 string at " + Where(reader) + ": " + e.Message, e);
                }
            }

            public void Write(JsonWriter writer, byte[] value)
            {
                writer.WriteValue(Convert.ToBase64String(value));
            }
        }

        private sealed class ListCodec<T> : IJsonCodec<IList<T>>
        {
            private readonly IJsonCodec<T> item;

            internal ListCodec(IJsonCodec<T> item)
            {
                this.item = item;
            }

            public IList<T> Read(JsonReader reader)
            {
                if (reader.TokenType != JsonToken.StartArray)
                {
                    throw Mismatch(reader, "an array");
                }
                List<T> items = new List<T>();
                while (true)
                {
                    if (!reader.Read())
                    {
                        throw new DecodeException("the JSON ended inside an array at " + Where(reader));
                    }
                    if (reader.TokenType == JsonToken.EndArray)
                    {
                        break;
                    }
                    items.Add(Json.Read(reader, item));
                }
                items.TrimExcess();
                return items;
            }

            public void Write(JsonWriter writer, IList<T> value)
            {
                writer.WriteStartArray();
                foreach (T element in value)
                {
                    Json.Write(writer, element, item);
                }
                writer.WriteEndArray();
            }
        }

        private sealed class MapCodec<T> : IJsonCodec<IDictionary<string, T>>
        {
            private readonly IJsonCodec<T> value;

            internal MapCodec(IJsonCodec<T> value)
            {
                this.value = value;
            }

            public IDictionary<string, T> Read(JsonReader reader)
            {
                StartObject(reader);
                Dictionary<string, T> entries = new Dictionary<string, T>();
                string name;
                while (NextProperty(reader, out name))
                {
                    // a repeated name keeps its first place and its last value, as JSON parsers do
                    entries[name] = Json.Read(reader, value);
                }
                return entries;
            }

            public void Write(JsonWriter writer, IDictionary<string, T> entries)
            {
                writer.WriteStartObject();
                foreach (KeyValuePair<string, T> entry in entries)
                {
                    writer.WritePropertyName(entry.Key);
                    Json.Write(writer, entry.Value, value);
                }
                writer.WriteEndObject();
            }
        }

        private sealed class OpenEnumCodec<T> : IJsonCodec<T>
            where T : OpenEnum
        {
            private readonly Func<string, T> of;

            internal OpenEnumCodec(Func<string, T> of)
            {
                this.of = of;
            }

            public T Read(JsonReader reader)
            {
                return of(String.Read(reader));
            }

            public void Write(JsonWriter writer, T value)
            {
                writer.WriteValue(value.Value);
            }
        }

        /// <summary>A codec for bodies that are not JSON; inside JSON, the codec it wraps.</summary>
        private sealed class Verbatim<T> : IJsonCodec<T>
        {
            private readonly IJsonCodec<T> inside;

            internal Verbatim(IJsonCodec<T> inside, Func<byte[], T> whole)
            {
                this.inside = inside;
                Whole = whole;
            }

            internal Func<byte[], T> Whole { get; }

            public T Read(JsonReader reader)
            {
                return inside.Read(reader);
            }

            public void Write(JsonWriter writer, T value)
            {
                inside.Write(writer, value);
            }
        }
    }
}
