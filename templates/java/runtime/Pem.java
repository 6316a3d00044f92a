// kgen:header

package kgen.templates.java.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys: RSA keys as PKCS#1 (RSA PRIVATE KEY) or PKCS#8 (PRIVATE KEY),
 * EC keys as SEC1 (EC PRIVATE KEY) or PKCS#8. PKCS#1 and SEC1 are wrapped into PKCS#8, which the
 * JDK reads.
 */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final byte[] RSA_ALGORITHM =
      hex("300d06092a864886f70d0101010500"); // SEQ { rsaEncryption, NULL }
  private static final byte[] EC_PUBLIC_KEY = hex("06072a8648ce3d0201"); // OID 1.2.840.10045.2.1

  private Pem() {}

  record Block(String type, byte[] der) {}

  static List<Block> blocks(byte[] pem, String what) {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
    while (m.find()) {
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(what + ": a PEM " + m.group(1) + " block that is not base64");
      }
    }
    return blocks;
  }

  /** Every CERTIFICATE block; ConfigException when there is none or one does not parse. */
  static List<X509Certificate> certificates(byte[] pem, String what) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(pem, what)) {
        if (block.type().equals("CERTIFICATE")) {
          certificates.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new ConfigException(what + ": a certificate that does not parse: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new ConfigException(what + " holds no PEM certificate");
    }
    return certificates;
  }

  /** The first private key block. */
  static PrivateKey privateKey(byte[] pem, String what) {
    for (Block block : blocks(pem, what)) {
      try {
        switch (block.type()) {
          case "PRIVATE KEY":
            return pkcs8(block.der());
          case "RSA PRIVATE KEY":
            return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(wrap(0, RSA_ALGORITHM, block.der())));
          case "EC PRIVATE KEY":
            return KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(sec1(block.der())));
          case "ENCRYPTED PRIVATE KEY":
            throw new ConfigException(what + " is encrypted: give the key without a passphrase");
          default:
            break;
        }
      } catch (GeneralSecurityException | IndexOutOfBoundsException e) {
        throw new ConfigException(
            what + ": a " + block.type() + " that does not parse: " + e.getMessage(), e);
      }
    }
    throw new ConfigException(
        what + " holds no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  /** A SEC1 ECPrivateKey as PKCS#8, with the curve its parameters [0] name. */
  private static byte[] sec1(byte[] der) throws GeneralSecurityException {
    int[] outer = header(der, 0);
    int at = outer[0];
    int end = outer[0] + outer[1];
    while (at < end) {
      int[] field = header(der, at);
      if ((der[at] & 0xff) == 0xa0) { // [0] ECParameters: the curve's OID
        byte[] curve = Arrays.copyOfRange(der, field[0], field[0] + field[1]);
        return wrap(0, tlv(0x30, concat(EC_PUBLIC_KEY, curve)), der);
      }
      at = field[0] + field[1];
    }
    throw new GeneralSecurityException("the EC key does not name its curve");
  }

  /** PrivateKeyInfo: SEQ { INTEGER version, algorithm, OCTET STRING key }. */
  private static byte[] wrap(int version, byte[] algorithm, byte[] key) {
    return tlv(0x30, concat(new byte[] {0x02, 0x01, (byte) version}, algorithm, tlv(0x04, key)));
  }

  /** The start of a DER value's content and its length, from the value's tag at `at`. */
  private static int[] header(byte[] der, int at) throws GeneralSecurityException {
    int first = der[at + 1] & 0xff;
    if (first < 0x80) {
      return new int[] {at + 2, first};
    }
    int count = first & 0x7f;
    if (count > 3) {
      throw new GeneralSecurityException("a DER length that is too long");
    }
    int length = 0;
    for (int i = 0; i < count; i++) {
      length = (length << 8) | (der[at + 2 + i] & 0xff);
    }
    if (at + 2 + count + length > der.length) {
      throw new GeneralSecurityException("a DER value longer than its key");
    }
    return new int[] {at + 2 + count, length};
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] hex(String text) {
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
