// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Globalization;
    using global::System.Text.RegularExpressions;
    using global::Newtonsoft.Json;

    /// <summary>
    /// A JSON number kept as its exact token (<c>1.0</c>, <c>1e3</c>, <c>12345678901234567890</c>),
    /// so that a value read and written back is byte-for-byte the one that came.
    /// </summary>
    public sealed class JsonNumber : IEquatable<JsonNumber>
    {
        private static readonly Regex Grammar = new Regex(
            "^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant);

        /// <summary>Reads a number token.</summary>
        public static readonly IJsonCodec<JsonNumber> Codec = new JsonNumberCodec();

        private readonly string token;

        private JsonNumber(string token)
        {
            this.token = token;
        }

        /// <summary>The number spelled <paramref name="token"/>.</summary>
        /// <exception cref="ArgumentException">The token is not a JSON number.</exception>
        public static JsonNumber Of(string token)
        {
            if (token == null || token.Length > Json.MaxNumberLength || !IsToken(token))
            {
                throw new ArgumentException("not a JSON number: " + (token == null ? "null" : Strings.Quoted(token)));
            }
            return new JsonNumber(token);
        }

        /// <summary>The integer <paramref name="value"/>.</summary>
        public static JsonNumber Of(long value)
        {
            return new JsonNumber(value.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>The finite number <paramref name="value"/>, in its shortest round-trip spelling.</summary>
        /// <exception cref="ArgumentException">For NaN and the infinities, which JSON cannot hold.</exception>
        public static JsonNumber Of(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ArgumentException("JSON has no number " + value.ToString(CultureInfo.InvariantCulture));
            }
            return new JsonNumber(Spell(value));
        }

        /// <summary>The number as a decimal.</summary>
        /// <exception cref="OverflowException">It is beyond decimal's range.</exception>
        public decimal ToDecimal()
        {
            return decimal.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        /// <summary>The number as a long.</summary>
        /// <exception cref="OverflowException">It has a fraction or does not fit.</exception>
        public long ToInt64()
        {
            long whole;
            if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out whole))
            {
                return whole;
            }
            decimal exact = ToDecimal();
            if (decimal.Truncate(exact) != exact || exact < long.MinValue || exact > long.MaxValue)
            {
                throw new OverflowException("the number " + token + " is not a 64-bit integer");
            }
            return (long)exact;
        }

        /// <summary>The nearest double (an infinity beyond its range).</summary>
        public double ToDouble()
        {
            return double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        /// <summary>The token as it was written.</summary>
        public override string ToString()
        {
            return token;
        }

        /// <summary>Equal tokens: <c>1.0</c> and <c>1</c> differ, as they do on the wire.</summary>
        public bool Equals(JsonNumber other)
        {
            return other != null && other.token == token;
        }

        /// <inheritdoc/>
        public override bool Equals(object obj)
        {
            return Equals(obj as JsonNumber);
        }

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            return StringComparer.Ordinal.GetHashCode(token);
        }

        /// <summary>Whether <paramref name="token"/> is a JSON number token.</summary>
        internal static bool IsToken(string token)
        {
            return Grammar.IsMatch(token);
        }

        /// <summary>A finite double's shortest round-trip spelling, valid JSON (<c>1E+300</c> becomes <c>1E300</c>).</summary>
        internal static string Spell(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E+", "E");
            return text;
        }

        private sealed class JsonNumberCodec : IJsonCodec<JsonNumber>
        {
            public JsonNumber Read(JsonReader reader)
            {
                if (reader.TokenType != JsonToken.Integer && reader.TokenType != JsonToken.Float)
                {
                    throw Json.Mismatch(reader, "a number");
                }
                return new JsonNumber(JsonSource.Number(reader));
            }

            public void Write(JsonWriter writer, JsonNumber value)
            {
                writer.WriteRawValue(value.token);
            }
        }
    }
}
