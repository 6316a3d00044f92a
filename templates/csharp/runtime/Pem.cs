// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.Linq;
    using global::System.Security.Cryptography;
    using global::System.Security.Cryptography.X509Certificates;
    using global::System.Text;

    /// <summary>
    /// PEM certificates, and the subject alternative names of a certificate read from its DER
    /// by a minimal reader (netstandard2.0 has no API for them).
    /// </summary>
    internal static class Pem
    {
        /// <summary>The certificates of a PEM text; ConfigException when it holds none or one does not parse.</summary>
        internal static List<X509Certificate2> Certificates(byte[] pem, string source)
        {
            List<X509Certificate2> certificates = new List<X509Certificate2>();
            foreach (KeyValuePair<string, byte[]> block in Blocks(pem, source))
            {
                if (block.Key != "CERTIFICATE")
                {
                    continue;
                }
                try
                {
                    certificates.Add(new X509Certificate2(block.Value));
                }
                catch (CryptographicException e)
                {
                    throw new ConfigException(source + ": a certificate that does not parse: " + e.Message, e);
                }
            }
            if (certificates.Count == 0)
            {
                throw new ConfigException(source + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
            }
            return certificates;
        }

        /// <summary>
        /// The first private key of a PEM text as PKCS#8 DER: PKCS#8 as it is, PKCS#1 (RSA) and
        /// SEC1 (EC) keys wrapped; ConfigException when it holds none or only an encrypted one.
        /// </summary>
        internal static byte[] PrivateKey(byte[] pem, string source)
        {
            foreach (KeyValuePair<string, byte[]> block in Blocks(pem, source))
            {
                try
                {
                    switch (block.Key)
                    {
                        case "PRIVATE KEY":
                            return block.Value;
                        case "RSA PRIVATE KEY":
                            return Pkcs8(Pkcs12.Oid(RsaKey), Pkcs12.Null(), block.Value);
                        case "EC PRIVATE KEY":
                            return Pkcs8(Pkcs12.Oid(EcKey), Curve(block.Value), block.Value);
                        case "ENCRYPTED PRIVATE KEY":
                            throw new ConfigException(source + ": the private key is encrypted; give it unencrypted");
                    }
                }
                catch (FormatException e)
                {
                    throw new ConfigException(source + ": a " + block.Key + " that does not parse: " + e.Message, e);
                }
            }
            throw new ConfigException(source + ": no PEM private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY) in it");
        }

        /// <summary>The modulus of a PKCS#8 RSA key without leading zeros, or null for another kind of key.</summary>
        internal static byte[] RsaModulus(byte[] pkcs8)
        {
            try
            {
                Der info = new Der(pkcs8).Sequence();
                int tag;
                info.Any(out tag); // version
                string algorithm = info.Sequence().Oid();
                byte[] key = info.Any(out tag);
                if (algorithm != RsaKey)
                {
                    return null;
                }
                Der rsa = new Der(key).Sequence();
                rsa.Any(out tag); // version
                return Unsigned(rsa.Any(out tag));
            }
            catch (FormatException e)
            {
                throw new ConfigException("a PKCS#8 private key that does not parse: " + e.Message, e);
            }
        }

        /// <summary>A big-endian unsigned integer without its leading zero bytes.</summary>
        internal static byte[] Unsigned(byte[] value)
        {
            int zeros = 0;
            while (zeros < value.Length - 1 && value[zeros] == 0)
            {
                zeros++;
            }
            byte[] trimmed = new byte[value.Length - zeros];
            Buffer.BlockCopy(value, zeros, trimmed, 0, trimmed.Length);
            return trimmed;
        }

        internal const string RsaKey = "1.2.840.113549.1.1.1";
        private const string EcKey = "1.2.840.10045.2.1";

        private static byte[] Pkcs8(byte[] algorithm, byte[] parameters, byte[] key)
        {
            return Pkcs12.Sequence(Pkcs12.Integer(0), Pkcs12.Sequence(algorithm, parameters), Pkcs12.Octets(key));
        }

        /// <summary>The named curve of a SEC1 key (its [0] parameters), as a DER object identifier.</summary>
        private static byte[] Curve(byte[] sec1)
        {
            Der key = new Der(sec1).Sequence();
            while (!key.AtEnd)
            {
                int tag;
                byte[] value = key.Any(out tag);
                if (tag == 0xa0)
                {
                    return value;
                }
            }
            throw new FormatException("the EC key does not name its curve");
        }

        /// <summary>Whether two byte strings are equal.</summary>
        internal static bool Equal(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The (label, DER) blocks of a PEM text, in order.</summary>
        private static List<KeyValuePair<string, byte[]>> Blocks(byte[] pem, string source)
        {
            string text = Encoding.ASCII.GetString(pem);
            List<KeyValuePair<string, byte[]>> blocks = new List<KeyValuePair<string, byte[]>>();
            int at = 0;
            while (true)
            {
                int begin = text.IndexOf("-----BEGIN ", at, StringComparison.Ordinal);
                if (begin < 0)
                {
                    return blocks;
                }
                int labelEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
                if (labelEnd < 0)
                {
                    throw new ConfigException(source + ": a PEM BEGIN line that does not end");
                }
                string label = text.Substring(begin + 11, labelEnd - begin - 11);
                string end = "-----END " + label + "-----";
                int close = text.IndexOf(end, labelEnd, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new ConfigException(source + ": a PEM " + label + " without its END line");
                }
                string body = text.Substring(labelEnd + 5, close - labelEnd - 5);
                if (body.IndexOf(':') >= 0)
                {
                    throw new ConfigException(source + ": a PEM " + label + " with headers (an encrypted key?); give it unencrypted");
                }
                try
                {
                    blocks.Add(new KeyValuePair<string, byte[]>(label, Convert.FromBase64String(body)));
                }
                catch (FormatException e)
                {
                    throw new ConfigException(source + ": a PEM " + label + " that is not base64: " + e.Message, e);
                }
                at = close + end.Length;
            }
        }

        /// <summary>The subject alternative names (DNS and IP) of a certificate.</summary>
        internal static List<string> SubjectAlternativeNames(X509Certificate2 certificate)
        {
            List<string> names = new List<string>();
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension.Oid == null || extension.Oid.Value != "2.5.29.17")
                {
                    continue;
                }
                try
                {
                    Der general = new Der(extension.RawData).Sequence();
                    while (!general.AtEnd)
                    {
                        int tag;
                        byte[] value = general.Any(out tag);
                        if (tag == 0x82)
                        {
                            names.Add(Encoding.ASCII.GetString(value));
                        }
                        else if (tag == 0x87 && (value.Length == 4 || value.Length == 16))
                        {
                            names.Add(new global::System.Net.IPAddress(value).ToString());
                        }
                    }
                }
                catch (FormatException)
                {
                    // an extension that does not parse names nothing
                }
            }
            return names;
        }

        /// <summary>A minimal DER reader: the elements of one constructed value, in order.</summary>
        private sealed class Der
        {
            private readonly byte[] data;
            private readonly int end;
            private int at;

            internal Der(byte[] data)
                : this(data, 0, data.Length)
            {
            }

            private Der(byte[] data, int start, int end)
            {
                this.data = data;
                at = start;
                this.end = end;
            }

            internal bool AtEnd
            {
                get { return at >= end; }
            }

            internal Der Sequence()
            {
                int length = Header(0x30);
                Der inner = new Der(data, at, at + length);
                at += length;
                return inner;
            }

            /// <summary>The next element, whatever its tag.</summary>
            internal byte[] Any(out int tag)
            {
                if (at >= end)
                {
                    throw new FormatException("DER ends early");
                }
                tag = data[at];
                return Bytes(Header(tag));
            }

            /// <summary>The next element, an object identifier, in its dotted form.</summary>
            internal string Oid()
            {
                byte[] value = Bytes(Header(0x06));
                if (value.Length == 0)
                {
                    throw new FormatException("an empty DER object identifier");
                }
                StringBuilder dotted = new StringBuilder();
                dotted.Append(value[0] / 40).Append('.').Append(value[0] % 40);
                long arc = 0;
                foreach (byte b in value.Skip(1))
                {
                    arc = (arc << 7) + (b & 0x7f);
                    if ((b & 0x80) == 0)
                    {
                        dotted.Append('.').Append(arc);
                        arc = 0;
                    }
                }
                return dotted.ToString();
            }

            private byte[] Bytes(int length)
            {
                byte[] value = new byte[length];
                Buffer.BlockCopy(data, at, value, 0, length);
                at += length;
                return value;
            }

            private int Header(int tag)
            {
                if (at + 2 > end || data[at] != tag)
                {
                    throw new FormatException("expected DER tag 0x" + tag.ToString("x2") + " at byte " + at);
                }
                at++;
                int length = data[at++];
                if (length >= 0x80)
                {
                    int bytes = length & 0x7f;
                    if (bytes == 0 || bytes > 3 || at + bytes > end)
                    {
                        throw new FormatException("a DER length that is not supported at byte " + at);
                    }
                    length = 0;
                    for (int i = 0; i < bytes; i++)
                    {
                        length = (length << 8) + data[at++];
                    }
                }
                if (length > end - at)
                {
                    throw new FormatException("a DER value longer than what holds it at byte " + at);
                }
                return length;
            }
        }
    }
}
