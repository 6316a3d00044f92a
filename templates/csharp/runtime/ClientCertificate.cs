// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Net.Http;
    using global::System.Net.Security;
    using global::System.Reflection;
    using global::System.Security.Cryptography;
    using global::System.Security.Cryptography.X509Certificates;

    /// <summary>
    /// The client certificate: a PEM certificate and its PEM key (PKCS#8, RSA or EC) joined
    /// into one X509Certificate2 through an in-memory PKCS#12, and handed to an HttpClientHandler.
    /// </summary>
    internal static class ClientCertificate
    {
        private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

        /// <summary>
        /// The first certificate of <paramref name="certificatePem"/> with the key of
        /// <paramref name="keyPem"/>; ConfigException when either does not parse, the key is not
        /// the certificate's, or this runtime cannot load the key.
        /// </summary>
        internal static X509Certificate2 Load(byte[] certificatePem, string certificateSource, byte[] keyPem, string keySource)
        {
            X509Certificate2 leaf = Pem.Certificates(certificatePem, certificateSource)[0];
            byte[] key = Pem.PrivateKey(keyPem, keySource);
            if (!Matches(leaf, key))
            {
                throw new ConfigException(keySource + ": the key is not the private key of the client certificate of " + certificateSource);
            }
            try
            {
                X509Certificate2 joined = new X509Certificate2(Pkcs12.Build(leaf.RawData, key), Pkcs12.Password);
                if (joined.HasPrivateKey)
                {
                    return joined;
                }
            }
            catch (CryptographicException e)
            {
                throw new ConfigException(keySource + ": this runtime cannot load the client key: " + e.Message, e);
            }
            throw new ConfigException(keySource + ": this runtime cannot load the client key");
        }

        /// <summary>Makes <paramref name="handler"/> present <paramref name="certificate"/> when the server asks for one.</summary>
        internal static void Attach(HttpClientHandler handler, X509Certificate2 certificate)
        {
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
            handler.ClientCertificates.Add(certificate);
            if (MonoPassesOver(certificate))
            {
                SelectOnMono(handler, certificate);
            }
        }

        /// <summary>Whether an RSA key's modulus is the certificate's (other keys are left to the loader).</summary>
        private static bool Matches(X509Certificate2 certificate, byte[] pkcs8)
        {
            byte[] modulus = Pem.RsaModulus(pkcs8);
            bool rsa = certificate.PublicKey.Oid.Value == Pem.RsaKey;
            if (modulus == null || !rsa)
            {
                return (modulus == null) == !rsa;
            }
            return Pem.Equal(modulus, Pem.Unsigned(certificate.GetRSAPublicKey().ExportParameters(false).Modulus));
        }

        /// <summary>
        /// Whether this is Mono with its bug: its HttpClientHandler picks the client certificate
        /// with X509Certificate2Collection.Find(FindByApplicationPolicy), which on Mono matches
        /// only certificates without extensions, so a real client certificate is never sent.
        /// </summary>
        private static bool MonoPassesOver(X509Certificate2 certificate)
        {
            return Type.GetType("Mono.Runtime") != null
                && certificate.Extensions.Count > 0
                && new X509Certificate2Collection(certificate).Find(X509FindType.FindByApplicationPolicy, ClientAuthentication, false).Count == 0;
        }

        /// <summary>
        /// The fixup for <see cref="MonoPassesOver"/>: the selection callback of the handler's TLS
        /// options (private on Mono) returns the certificate. A Mono without those members gets a
        /// ConfigException rather than a handshake the server refuses.
        /// </summary>
        private static void SelectOnMono(HttpClientHandler handler, X509Certificate2 certificate)
        {
            const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            object inner = typeof(HttpClientHandler).GetField("_delegatingHandler", Members)?.GetValue(handler);
            object options = inner?.GetType().GetProperty("SslOptions", Members)?.GetValue(inner);
            PropertyInfo selection = options?.GetType().GetProperty("LocalCertificateSelectionCallback", Members);
            if (selection == null || selection.PropertyType != typeof(LocalCertificateSelectionCallback))
            {
                throw new ConfigException("this Mono's HttpClientHandler would not send the client certificate (its certificate filter drops certificates with extensions), and the runtime's fixup does not fit this Mono version: authenticate with a token, or use Mono 6.8");
            }
            LocalCertificateSelectionCallback select = (sender, host, local, remote, issuers) => certificate;
            selection.SetValue(options, select);
        }
    }
}
