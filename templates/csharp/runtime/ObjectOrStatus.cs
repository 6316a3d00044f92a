// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;

    /// <summary>
    /// What some deletes answer: the object (still being deleted, its finalizers pending) or a
    /// Status (the delete completed at once). <see cref="IsStatus"/> says which.
    /// </summary>
    public abstract class ObjectOrStatus<T>
    {
        private ObjectOrStatus()
        {
        }

        /// <summary>Whether the server answered with a Status rather than the object.</summary>
        public abstract bool IsStatus { get; }

        /// <summary>The object the server answered with.</summary>
        /// <exception cref="InvalidOperationException">It answered with a Status.</exception>
        public abstract T Object { get; }

        /// <summary>The Status the server answered with.</summary>
        /// <exception cref="InvalidOperationException">It answered with the object.</exception>
        public abstract ApiStatus Status { get; }

        internal static ObjectOrStatus<T> OfObject(T value)
        {
            return new ObjectAnswer(value);
        }

        internal static ObjectOrStatus<T> OfStatus(ApiStatus status)
        {
            return new StatusAnswer(status);
        }

        private sealed class ObjectAnswer : ObjectOrStatus<T>
        {
            private readonly T value;

            internal ObjectAnswer(T value)
            {
                this.value = value;
            }

            public override bool IsStatus
            {
                get { return false; }
            }

            public override T Object
            {
                get { return value; }
            }

            public override ApiStatus Status
            {
                get { throw new InvalidOperationException("the server answered with the object, not a Status"); }
            }
        }

        private sealed class StatusAnswer : ObjectOrStatus<T>
        {
            private readonly ApiStatus status;

            internal StatusAnswer(ApiStatus status)
            {
                this.status = status;
            }

            public override bool IsStatus
            {
                get { return true; }
            }

            public override T Object
            {
                get { throw new InvalidOperationException("the server answered with a Status (" + status + "), not the object"); }
            }

            public override ApiStatus Status
            {
                get { return status; }
            }
        }
    }
}
