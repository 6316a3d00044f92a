// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;

    /// <summary>
    /// The base of generated open enums: constants for the documented values, and any other
    /// value the server sends kept as it came (a newer server may add values).
    /// </summary>
    public abstract class OpenEnum : IEquatable<OpenEnum>
    {
        /// <summary>An enum value spelled <paramref name="value"/>.</summary>
        protected OpenEnum(string value)
        {
            if (value == null)
            {
                throw new ArgumentNullException("value");
            }
            Value = value;
        }

        /// <summary>The value as it is sent.</summary>
        public string Value { get; }

        /// <summary>The value as it is sent.</summary>
        public sealed override string ToString()
        {
            return Value;
        }

        /// <summary>The same enum type and value.</summary>
        public bool Equals(OpenEnum other)
        {
            return other != null && other.GetType() == GetType() && other.Value == Value;
        }

        /// <inheritdoc/>
        public sealed override bool Equals(object obj)
        {
            return Equals(obj as OpenEnum);
        }

        /// <inheritdoc/>
        public sealed override int GetHashCode()
        {
            return StringComparer.Ordinal.GetHashCode(Value);
        }
    }
}
