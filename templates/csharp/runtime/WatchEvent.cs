// kgen:header
namespace kgen.templates.csharp.runtime
{
    /// <summary>
    /// One change a watch saw: its type (ADDED, MODIFIED or DELETED) and the object as it now is
    /// (or was, deleted).
    /// </summary>
    public sealed class WatchEvent<T>
    {
        /// <summary>An event of <paramref name="type"/> about <paramref name="obj"/>.</summary>
        public WatchEvent(string type, T obj)
        {
            Type = type;
            Object = obj;
        }

        /// <summary>ADDED, MODIFIED or DELETED.</summary>
        public string Type { get; }

        /// <summary>The object as it now is (or was, deleted).</summary>
        public T Object { get; }

        /// <summary>The type.</summary>
        public override string ToString()
        {
            return Type;
        }
    }
}
