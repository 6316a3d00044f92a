// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.IO;
    using global::System.Net.Http;
    using global::System.Net.Security;
    using global::System.Security.Cryptography.X509Certificates;

    /// <summary>
    /// How the TLS connection is set up: the server's certificate checked against Config's CA
    /// certificates when it gives some (the chain must end at one of them), else the system's
    /// trust, or not at all with InsecureSkipTlsVerify; its name checked against the URL's host,
    /// or TlsServerName when set (the name is checked, not sent as SNI: HttpClient cannot); and
    /// the client certificate, Config's or the exec plugin's, presented when the server asks.
    /// </summary>
    internal static class Tls
    {
        /// <summary>
        /// Mono's chain engine flags extensions it does not parse (such as a critical extended
        /// key usage) as InvalidExtension on certificates .NET accepts; there it is not a refusal.
        /// </summary>
        private static readonly bool OnMono = Type.GetType("Mono.Runtime") != null;

        /// <summary>
        /// Sets up <paramref name="handler"/>'s certificates for <paramref name="config"/>, with
        /// <paramref name="client"/> (null for none) as the client certificate.
        /// </summary>
        internal static void Configure(HttpClientHandler handler, Config config, X509Certificate2 client)
        {
            if (client != null)
            {
                ClientCertificate.Attach(handler, client);
            }
            if (config.InsecureSkipTlsVerify)
            {
                handler.ServerCertificateCustomValidationCallback = (request, presented, chain, errors) => true;
                return;
            }
            byte[] pem = Read(config.CaData, config.CaFile, "CA file");
            List<X509Certificate2> authorities = pem == null ? null : Pem.Certificates(pem, config.CaData != null ? "Config.CaData" : "CA file " + config.CaFile);
            string name = string.IsNullOrEmpty(config.TlsServerName) ? null : config.TlsServerName;
            handler.ServerCertificateCustomValidationCallback = (request, presented, chain, errors) => Trusted(presented, errors, authorities, name ?? request.RequestUri.Host);
        }

        /// <summary>
        /// Config's client certificate with its key, or null when it gives neither; ConfigException
        /// when it gives one without the other or they cannot be read.
        /// </summary>
        internal static X509Certificate2 ClientOf(Config config)
        {
            byte[] certificate = Read(config.ClientCertificateData, config.ClientCertificateFile, "client certificate file");
            byte[] key = Read(config.ClientKeyData, config.ClientKeyFile, "client key file");
            if (certificate == null && key == null)
            {
                return null;
            }
            if (certificate == null || key == null)
            {
                throw new ConfigException("a client certificate needs both the certificate and its key: give client-certificate(-data) and client-key(-data) together");
            }
            return ClientCertificate.Load(
                certificate,
                config.ClientCertificateData != null ? "Config.ClientCertificateData" : "client certificate file " + config.ClientCertificateFile,
                key,
                config.ClientKeyData != null ? "Config.ClientKeyData" : "client key file " + config.ClientKeyFile);
        }

        private static byte[] Read(byte[] data, string file, string what)
        {
            if (data != null || string.IsNullOrEmpty(file))
            {
                return data;
            }
            try
            {
                return File.ReadAllBytes(file);
            }
            catch (IOException e)
            {
                throw new ConfigException("cannot read " + what + " " + file + ": " + e.Message, e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new ConfigException("cannot read " + what + " " + file + ": " + e.Message, e);
            }
        }

        private static bool Trusted(X509Certificate2 certificate, SslPolicyErrors errors, List<X509Certificate2> authorities, string name)
        {
            if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                return false;
            }
            // the name is checked here, alike on every runtime (Mono does not always flag a mismatch)
            if (!Names(certificate, name))
            {
                return false;
            }
            if (authorities == null)
            {
                return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
            }
            using (X509Chain chain = new X509Chain())
            {
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                foreach (X509Certificate2 authority in authorities)
                {
                    chain.ChainPolicy.ExtraStore.Add(authority);
                }
                // Build's own verdict counts the CA as untrusted (it is not the system's): each
                // element's status is checked instead, the root compared with the CA below.
                chain.Build(certificate);
                foreach (X509ChainElement element in chain.ChainElements)
                {
                    foreach (X509ChainStatus status in element.ChainElementStatus)
                    {
                        if (status.Status != X509ChainStatusFlags.UntrustedRoot
                            && status.Status != X509ChainStatusFlags.NoError
                            && !(OnMono && status.Status == X509ChainStatusFlags.InvalidExtension))
                        {
                            return false;
                        }
                    }
                }
                byte[] root = chain.ChainElements[chain.ChainElements.Count - 1].Certificate.RawData;
                foreach (X509Certificate2 authority in authorities)
                {
                    if (Pem.Equal(authority.RawData, root))
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        /// <summary>Whether the certificate's subject alternative names include <paramref name="name"/> (one leading wildcard label allowed).</summary>
        private static bool Names(X509Certificate2 certificate, string name)
        {
            name = name.TrimStart('[').TrimEnd(']'); // an IPv6 host as the URL writes it
            foreach (string given in Pem.SubjectAlternativeNames(certificate))
            {
                if (string.Equals(given, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
                int dot = name.IndexOf('.');
                if (given.StartsWith("*.", StringComparison.Ordinal) && dot > 0
                    && string.Equals(given.Substring(1), name.Substring(dot), StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
