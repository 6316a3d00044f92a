// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;

    /// <summary>
    /// A failure the server reported: its HTTP status code and the Status it sent (or one made
    /// from a body that was not a Status). Subclasses name the common codes; <see cref="Of"/>
    /// picks the one that fits.
    /// </summary>
    public class ApiException : KubeException
    {
        /// <summary>The failure of <paramref name="method"/> <paramref name="url"/>, answered with <paramref name="code"/> and <paramref name="status"/>.</summary>
        public ApiException(int code, ApiStatus status, string method, string url, IList<string> warnings)
            : base(Describe(code, status, method, url))
        {
            if (status == null)
            {
                throw new ArgumentNullException("status");
            }
            Code = code;
            Status = status;
            Method = method;
            Url = url;
            Warnings = new List<string>(warnings ?? new string[0]).AsReadOnly();
        }

        /// <summary>The HTTP status code of the response.</summary>
        public int Code { get; }

        /// <summary>The server's Status (for a body that was not one: a Status whose message is the body's start).</summary>
        public ApiStatus Status { get; }

        /// <summary>The Status' reason (NotFound, AlreadyExists, Invalid, ...), or "" when it gave none.</summary>
        public string Reason
        {
            get { return Status.Reason; }
        }

        /// <summary>The request's method.</summary>
        public string Method { get; }

        /// <summary>The request's URL, without credentials.</summary>
        public string Url { get; }

        /// <summary>The texts of the response's Warning headers.</summary>
        public IList<string> Warnings { get; }

        /// <summary>The wait the response's Retry-After asked for (a 429 or 503 the retries gave up on), or null.</summary>
        public TimeSpan? RetryAfter { get; internal set; }

        /// <summary>The exception for a failed response: by status code, AlreadyExists by the Status' reason.</summary>
        public static ApiException Of(int code, ApiStatus status, string method, string url, IList<string> warnings)
        {
            switch (code)
            {
                case 400:
                    return new BadRequestException(code, status, method, url, warnings);
                case 401:
                    return new UnauthorizedException(code, status, method, url, warnings);
                case 403:
                    return new ForbiddenException(code, status, method, url, warnings);
                case 404:
                    return new NotFoundException(code, status, method, url, warnings);
                case 409:
                    if (status.Reason == "AlreadyExists")
                    {
                        return new AlreadyExistsException(code, status, method, url, warnings);
                    }
                    return new ConflictException(code, status, method, url, warnings);
                case 410:
                    return new GoneException(code, status, method, url, warnings);
                case 422:
                    return new InvalidException(code, status, method, url, warnings);
                case 429:
                    return new TooManyRequestsException(code, status, method, url, warnings);
                default:
                    if (code >= 500 && code <= 599)
                    {
                        return new ServerException(code, status, method, url, warnings);
                    }
                    return new ApiException(code, status, method, url, warnings);
            }
        }

        private static string Describe(int code, ApiStatus status, string method, string url)
        {
            if (status == null)
            {
                return code + " (" + method + " " + url + ")";
            }
            return code + " " + (status.Reason.Length == 0 ? "Error" : status.Reason) + ": " + status.Message + " (" + method + " " + url + ")";
        }
    }
}
