// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.IO;
    using global::System.Text;

    /// <summary>
    /// The Authorization header: an exec plugin's token (its result kept until it expires, its
    /// client certificate presented by ApiClient), a token, a token file read again when it
    /// changes, or basic authentication. What the server rejects is dropped
    /// (<see cref="Forget"/>), so that the next request reads or runs it anew.
    /// </summary>
    internal sealed class Credentials
    {
        private readonly object gate = new object();
        private readonly string token;
        private readonly string tokenFile;
        private readonly string basic;
        private readonly ExecConfig exec;
        private Exec.Result result;
        private DateTime modified;
        private long size = -1;
        private string cached;

        internal Credentials(Config config)
        {
            token = config.BearerToken;
            tokenFile = config.TokenFile;
            exec = config.Exec;
            if (config.Username != null || config.Password != null)
            {
                basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes((config.Username ?? "") + ":" + (config.Password ?? "")));
            }
        }

        /// <summary>The Authorization header to send now, or null for none; ConfigException when credentials cannot be had.</summary>
        internal string Header()
        {
            if (exec != null)
            {
                Exec.Result current = ExecResult();
                return string.IsNullOrEmpty(current.Token) ? null : Bearer(current.Token, "exec plugin " + Strings.Quoted(exec.Command));
            }
            if (!string.IsNullOrEmpty(tokenFile))
            {
                return FileToken();
            }
            if (!string.IsNullOrEmpty(token))
            {
                return Bearer(token, "Config.BearerToken");
            }
            return basic;
        }

        /// <summary>Drops what the server rejected; whether the next request may carry other credentials.</summary>
        internal bool Forget()
        {
            lock (gate)
            {
                cached = null;
                result = null;
                return exec != null || !string.IsNullOrEmpty(tokenFile);
            }
        }

        /// <summary>Whether an exec plugin may give the client certificate.</summary>
        internal bool HasExec
        {
            get { return exec != null; }
        }

        /// <summary>The plugin's current result, running it when there is none or it has expired.</summary>
        internal Exec.Result ExecResult()
        {
            lock (gate)
            {
                if (result == null || result.Expired)
                {
                    result = Exec.Run(exec);
                }
                return result;
            }
        }

        private string FileToken()
        {
            lock (gate)
            {
                try
                {
                    FileInfo info = new FileInfo(tokenFile);
                    DateTime changed = info.LastWriteTimeUtc;
                    long length = info.Length;
                    if (cached == null || changed != modified || length != size)
                    {
                        string read = File.ReadAllText(tokenFile, Encoding.UTF8).Trim();
                        cached = Bearer(read, "token file " + tokenFile);
                        modified = changed;
                        size = length;
                    }
                    return cached;
                }
                catch (IOException e)
                {
                    throw new ConfigException("cannot read token file " + tokenFile + ": " + e.Message, e);
                }
                catch (UnauthorizedAccessException e)
                {
                    throw new ConfigException("cannot read token file " + tokenFile + ": " + e.Message, e);
                }
            }
        }

        /// <summary>The header of a token; a token no header can carry (a token is visible ASCII) is refused, unseen.</summary>
        internal static string Bearer(string token, string source)
        {
            foreach (char c in token)
            {
                if (c < '!' || c > '~')
                {
                    throw new ConfigException(source + ": the token holds a character an HTTP header cannot carry (a line break, a space, a control character, or one beyond ASCII such as a byte order mark); fix the token (it is not shown)");
                }
            }
            return "Bearer " + token;
        }
    }
}
