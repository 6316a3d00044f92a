// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.IO;
    using global::System.Security.Cryptography;
    using global::System.Text;

    /// <summary>
    /// A PKCS#12 archive of one certificate and its key, built in memory: netstandard2.0 has no
    /// API to join a PEM key to a certificate (CopyWithPrivateKey and CreateFromPem came later,
    /// and Mono's PrivateKey setter throws), while every runtime loads a PKCS#12 with its key.
    /// The key is wrapped the way all loaders read (pkcs8ShroudedKeyBag, 3DES, RFC 7292) and
    /// the archive carries an HMAC-SHA1 MAC; the password only satisfies the format, since the
    /// archive never leaves memory.
    /// </summary>
    internal static class Pkcs12
    {
        internal const string Password = "kgen";

        private const string Data = "1.2.840.113549.1.7.1";
        private const string CertificateBag = "1.2.840.113549.1.12.10.1.3";
        private const string ShroudedKeyBag = "1.2.840.113549.1.12.10.1.2";
        private const string X509Certificate = "1.2.840.113549.1.9.22.1";
        private const string LocalKeyId = "1.2.840.113549.1.9.21";
        private const string TripleDesCbc = "1.2.840.113549.1.12.1.3";
        private const string Sha1 = "1.3.14.3.2.26";
        private const byte KeyMaterial = 1;
        private const byte IvMaterial = 2;
        private const byte MacMaterial = 3;

        /// <summary>The archive of a DER certificate and its PKCS#8 DER key.</summary>
        internal static byte[] Build(byte[] certificate, byte[] pkcs8)
        {
            byte[] keyId = Set(Sequence(Oid(LocalKeyId), Set(Octets(new byte[] { 1 }))));
            byte[] certificateBag = Sequence(
                Oid(CertificateBag),
                Explicit(Sequence(Oid(X509Certificate), Explicit(Octets(certificate)))),
                keyId);
            byte[] keyBag = Sequence(Oid(ShroudedKeyBag), Explicit(Shrouded(pkcs8)), keyId);
            byte[] safe = Sequence(DataInfo(Sequence(certificateBag)), DataInfo(Sequence(keyBag)));
            byte[] salt = Random(8);
            byte[] mac;
            using (HMACSHA1 hmac = new HMACSHA1(Derive(salt, MacMaterial, 20)))
            {
                mac = hmac.ComputeHash(safe);
            }
            byte[] macData = Sequence(Sequence(Sequence(Oid(Sha1), Null()), Octets(mac)), Octets(salt), Integer(1));
            return Sequence(Integer(3), DataInfo(safe), macData);
        }

        /// <summary>An EncryptedPrivateKeyInfo (pbeWithSHAAnd3-KeyTripleDES-CBC, one iteration).</summary>
        private static byte[] Shrouded(byte[] pkcs8)
        {
            byte[] salt = Random(8);
            byte[] encrypted;
            using (TripleDES des = TripleDES.Create())
            {
                des.Mode = CipherMode.CBC;
                des.Padding = PaddingMode.PKCS7;
                des.Key = Derive(salt, KeyMaterial, 24);
                des.IV = Derive(salt, IvMaterial, 8);
                using (ICryptoTransform encryptor = des.CreateEncryptor())
                {
                    encrypted = encryptor.TransformFinalBlock(pkcs8, 0, pkcs8.Length);
                }
            }
            return Sequence(Sequence(Oid(TripleDesCbc), Sequence(Octets(salt), Integer(1))), Octets(encrypted));
        }

        /// <summary>RFC 7292 appendix B.2's key derivation with SHA-1 and one iteration, for <see cref="Password"/>.</summary>
        private static byte[] Derive(byte[] salt, byte purpose, int length)
        {
            const int hashLength = 20;
            const int blockLength = 64;
            byte[] password = new byte[(Password.Length + 1) * 2]; // BMPString with its terminating zero
            Encoding.BigEndianUnicode.GetBytes(Password, 0, Password.Length, password, 0);
            byte[] salted = Fill(salt);
            byte[] keyed = Fill(password);
            byte[] input = new byte[blockLength + salted.Length + keyed.Length];
            for (int i = 0; i < blockLength; i++)
            {
                input[i] = purpose;
            }
            Buffer.BlockCopy(salted, 0, input, blockLength, salted.Length);
            Buffer.BlockCopy(keyed, 0, input, blockLength + salted.Length, keyed.Length);
            byte[] derived = new byte[length];
            using (SHA1 sha1 = SHA1.Create())
            {
                for (int done = 0; done < length; done += hashLength)
                {
                    byte[] hash = sha1.ComputeHash(input);
                    Buffer.BlockCopy(hash, 0, derived, done, Math.Min(hashLength, length - done));
                    AddToBlocks(input, blockLength, Repeat(hash, blockLength));
                }
            }
            return derived;
        }

        /// <summary>Adds <paramref name="addend"/> plus one to each block after the purpose block (step 6C).</summary>
        private static void AddToBlocks(byte[] input, int blockLength, byte[] addend)
        {
            for (int start = blockLength; start < input.Length; start += blockLength)
            {
                int carry = 1;
                for (int k = blockLength - 1; k >= 0; k--)
                {
                    carry += input[start + k] + addend[k];
                    input[start + k] = (byte)carry;
                    carry >>= 8;
                }
            }
        }

        /// <summary>The value repeated to whole 64-byte blocks (none for an empty value).</summary>
        private static byte[] Fill(byte[] value)
        {
            return Repeat(value, 64 * ((value.Length + 63) / 64));
        }

        private static byte[] Repeat(byte[] value, int length)
        {
            byte[] repeated = new byte[length];
            for (int i = 0; i < length; i++)
            {
                repeated[i] = value[i % value.Length];
            }
            return repeated;
        }

        private static byte[] Random(int length)
        {
            byte[] bytes = new byte[length];
            using (RandomNumberGenerator random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }
            return bytes;
        }

        private static byte[] DataInfo(byte[] content)
        {
            return Sequence(Oid(Data), Explicit(Octets(content)));
        }

        internal static byte[] Sequence(params byte[][] elements)
        {
            return Element(0x30, elements);
        }

        private static byte[] Set(params byte[][] elements)
        {
            return Element(0x31, elements);
        }

        internal static byte[] Octets(byte[] value)
        {
            return Element(0x04, value);
        }

        private static byte[] Explicit(byte[] value)
        {
            return Element(0xa0, value);
        }

        internal static byte[] Integer(byte value)
        {
            return Element(0x02, new byte[] { value });
        }

        internal static byte[] Null()
        {
            return new byte[] { 0x05, 0x00 };
        }

        /// <summary>A DER object identifier from its dotted form.</summary>
        internal static byte[] Oid(string dotted)
        {
            string[] arcs = dotted.Split('.');
            List<byte> encoded = new List<byte> { (byte)(int.Parse(arcs[0]) * 40 + int.Parse(arcs[1])) };
            for (int i = 2; i < arcs.Length; i++)
            {
                long arc = long.Parse(arcs[i]);
                List<byte> digits = new List<byte> { (byte)(arc & 0x7f) };
                for (arc >>= 7; arc > 0; arc >>= 7)
                {
                    digits.Insert(0, (byte)(0x80 | (arc & 0x7f)));
                }
                encoded.AddRange(digits);
            }
            return Element(0x06, encoded.ToArray());
        }

        /// <summary>A DER element: tag, definite length, then the parts' bytes.</summary>
        internal static byte[] Element(int tag, params byte[][] parts)
        {
            int length = 0;
            foreach (byte[] part in parts)
            {
                length += part.Length;
            }
            using (MemoryStream output = new MemoryStream())
            {
                output.WriteByte((byte)tag);
                if (length < 0x80)
                {
                    output.WriteByte((byte)length);
                }
                else
                {
                    List<byte> digits = new List<byte>();
                    for (int rest = length; rest > 0; rest >>= 8)
                    {
                        digits.Insert(0, (byte)(rest & 0xff));
                    }
                    output.WriteByte((byte)(0x80 | digits.Count));
                    output.Write(digits.ToArray(), 0, digits.Count);
                }
                foreach (byte[] part in parts)
                {
                    output.Write(part, 0, part.Length);
                }
                return output.ToArray();
            }
        }
    }
}
