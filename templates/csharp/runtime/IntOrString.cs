// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Globalization;
    using global::Newtonsoft.Json;

    /// <summary>
    /// A Kubernetes int-or-string (<c>8080</c> or <c>"http"</c>): it stays the kind it came as,
    /// so that it is sent back as it was (<c>"8080"</c> stays a string).
    /// </summary>
    public sealed class IntOrString : IEquatable<IntOrString>
    {
        /// <summary>Reads a JSON integer (32 bits) or string.</summary>
        public static readonly IJsonCodec<IntOrString> Codec = new IntOrStringCodec();

        private readonly int intValue;
        private readonly string stringValue;

        private IntOrString(int intValue, string stringValue)
        {
            this.intValue = intValue;
            this.stringValue = stringValue;
        }

        /// <summary>The integer form, sent as a JSON number.</summary>
        public static IntOrString Of(int value)
        {
            return new IntOrString(value, null);
        }

        /// <summary>The string form, sent as a JSON string.</summary>
        public static IntOrString Of(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }
            return new IntOrString(0, value);
        }

        /// <summary>Whether it is the integer form.</summary>
        public bool IsInt
        {
            get { return stringValue == null; }
        }

        /// <summary>The integer form's value.</summary>
        /// <exception cref="InvalidOperationException">It is the string form.</exception>
        public int IntValue
        {
            get
            {
                if (!IsInt)
                {
                    throw new InvalidOperationException("the string " + Strings.Quoted(stringValue) + " is not the integer form");
                }
                return intValue;
            }
        }

        /// <summary>The string form's value.</summary>
        /// <exception cref="InvalidOperationException">It is the integer form.</exception>
        public string StringValue
        {
            get
            {
                if (IsInt)
                {
                    throw new InvalidOperationException("the integer " + ToString() + " is not the string form");
                }
                return stringValue;
            }
        }

        /// <summary>The integer or the string, as written (without quotes).</summary>
        public override string ToString()
        {
            return IsInt ? intValue.ToString(CultureInfo.InvariantCulture) : stringValue;
        }

        /// <summary>Same kind and value: <c>8080</c> and <c>"8080"</c> differ.</summary>
        public bool Equals(IntOrString other)
        {
            return other != null && other.IsInt == IsInt && other.intValue == intValue && other.stringValue == stringValue;
        }

        /// <inheritdoc/>
        public override bool Equals(object obj)
        {
            return Equals(obj as IntOrString);
        }

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            return IsInt ? intValue : StringComparer.Ordinal.GetHashCode(stringValue) ^ 0x5bd1e995;
        }

        private sealed class IntOrStringCodec : IJsonCodec<IntOrString>
        {
            public IntOrString Read(JsonReader reader)
            {
                if (reader.TokenType == JsonToken.Integer)
                {
                    return Of(Json.Int32.Read(reader).Value);
                }
                if (reader.TokenType == JsonToken.String)
                {
                    return Of((string)reader.Value);
                }
                throw Json.Mismatch(reader, "an integer or a string");
            }

            public void Write(JsonWriter writer, IntOrString value)
            {
                if (value.IsInt)
                {
                    writer.WriteValue(value.intValue);
                }
                else
                {
                    writer.WriteValue(value.stringValue);
                }
            }
        }
    }
}
