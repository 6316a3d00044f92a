// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
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
