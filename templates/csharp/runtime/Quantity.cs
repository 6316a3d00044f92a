// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::Newtonsoft.Json;

    /// <summary>
    /// A Kubernetes quantity (<c>"500m"</c>, <c>"1Gi"</c>, or a JSON number such as <c>0.5</c>),
    /// kept as the exact token it came as, so that it is sent back exactly as it came.
    /// </summary>
    public sealed class Quantity : IEquatable<Quantity>
    {
        /// <summary>Reads a JSON string or number.</summary>
        public static readonly IJsonCodec<Quantity> Codec = new QuantityCodec();

        private readonly string text;
        private readonly bool number;

        private Quantity(string text, bool number)
        {
            this.text = text;
            this.number = number;
        }

        /// <summary>The quantity written as the string <paramref name="text"/>, such as <c>"500m"</c>.</summary>
        public static Quantity Of(string text)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }
            return new Quantity(text, false);
        }

        /// <summary>The quantity written as the JSON number <paramref name="number"/>, such as <c>0.5</c>.</summary>
        public static Quantity Of(JsonNumber number)
        {
            if (number == null)
            {
                throw new ArgumentNullException("number");
            }
            return new Quantity(number.ToString(), true);
        }

        /// <summary>Whether it came (or goes) as a JSON number rather than a string.</summary>
        public bool IsNumber
        {
            get { return number; }
        }

        /// <summary>The quantity as written, without quotes: <c>500m</c>, <c>0.5</c>.</summary>
        public override string ToString()
        {
            return text;
        }

        /// <summary>Same kind and text: <c>1</c> and <c>"1"</c> differ.</summary>
        public bool Equals(Quantity other)
        {
            return other != null && other.number == number && other.text == text;
        }

        /// <inheritdoc/>
        public override bool Equals(object obj)
        {
            return Equals(obj as Quantity);
        }

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            return StringComparer.Ordinal.GetHashCode(text) * 31 + (number ? 1 : 0);
        }

        private sealed class QuantityCodec : IJsonCodec<Quantity>
        {
            public Quantity Read(JsonReader reader)
            {
                if (reader.TokenType == JsonToken.String)
                {
                    return new Quantity((string)reader.Value, false);
                }
                return new Quantity(JsonNumber.Codec.Read(reader).ToString(), true);
            }

            public void Write(JsonWriter writer, Quantity value)
            {
                if (value.number)
                {
                    writer.WriteRawValue(value.text);
                }
                else
                {
                    writer.WriteValue(value.text);
                }
            }
        }
    }
}
