// kgen:header

package kgen.templates.java.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS settings of a Config: the CA to trust (else the system's), the client certificate (from
 * the config or, at each handshake, from the exec plugin), tls-server-name, and
 * insecure-skip-tls-verify.
 */
final class Tls {
  private static final char[] NO_PASSWORD = new char[0];

  private Tls() {}

  static SSLContext context(Config config, Credentials credentials) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keyManagers(config, credentials), new TrustManager[] {trustManager(config)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException("the TLS settings: " + e.getMessage(), e);
    }
  }

  /** Content of the file at `path`, else `data` (either may be null). */
  static byte[] fileOr(Path path, byte[] data, String what) {
    if (path == null) {
      return data;
    }
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new ConfigException("cannot read the " + what + " " + path + ": " + e.getMessage(), e);
    }
  }

  private static X509TrustManager trustManager(Config config) throws GeneralSecurityException {
    if (config.insecureSkipTlsVerify()) {
      return new Unverified();
    }
    KeyStore trusted = null;
    byte[] ca = fileOr(config.caFile(), config.caData(), "CA file");
    if (ca != null && ca.length > 0) {
      trusted = emptyStore();
      int index = 0;
      for (X509Certificate certificate : Pem.certificates(ca, "the CA")) {
        trusted.setCertificateEntry("ca-" + index++, certificate);
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    X509ExtendedTrustManager system = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
    String name = config.tlsServerName();
    return name == null || name.isEmpty() ? system : new ServerName(system, name);
  }

  private static KeyManager[] keyManagers(Config config, Credentials credentials)
      throws GeneralSecurityException {
    byte[] certificate =
        fileOr(
            config.clientCertificateFile(), config.clientCertificateData(), "client certificate");
    byte[] key = fileOr(config.clientKeyFile(), config.clientKeyData(), "client key");
    if (certificate != null || key != null) {
      if (certificate == null || key == null) {
        throw new ConfigException("a client certificate needs both the certificate and its key");
      }
      return keyManagers(certificate, key, "the client certificate", "the client key");
    }
    return credentials.hasExec() ? new KeyManager[] {new FromExec(credentials)} : null;
  }

  static KeyManager[] keyManagers(
      byte[] certificate, byte[] key, String certificateWhat, String keyWhat) {
    try {
      KeyStore store = emptyStore();
      List<X509Certificate> chain = Pem.certificates(certificate, certificateWhat);
      store.setKeyEntry(
          "client",
          Pem.privateKey(key, keyWhat),
          NO_PASSWORD,
          chain.toArray(new X509Certificate[0]));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, NO_PASSWORD);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new ConfigException(
          certificateWhat + " and its key do not make a usable pair: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return store;
  }

  /**
   * Whether `certificate` names `host` among its subject alternative names (DNS, one leading
   * wildcard label; IP).
   */
  static boolean names(X509Certificate certificate, String host)
      throws CertificateParsingException {
    Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
    if (alternatives == null) {
      return false;
    }
    boolean literal = host.matches("[0-9.]+") || host.contains(":");
    String wanted = host.toLowerCase(Locale.ROOT);
    for (List<?> alternative : alternatives) {
      int type = (Integer) alternative.get(0);
      String value = String.valueOf(alternative.get(1)).toLowerCase(Locale.ROOT);
      if (literal
          ? type == 7 && sameAddress(value, wanted)
          : type == 2 && dnsMatch(value, wanted)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b)); // literals only: no lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean dnsMatch(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }
    return pattern.equals(host);
  }

  /** A client's trust manager: every server check is one {@link #check}; clients are refused. */
  private abstract static class ServerOnly extends X509ExtendedTrustManager {
    abstract void check(X509Certificate[] certificates, String authType)
        throws CertificateException;

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket)
        throws CertificateException {
      check(certificates, authType);
    }

    @Override
    public void checkServerTrusted(
        X509Certificate[] certificates, String authType, SSLEngine engine)
        throws CertificateException {
      check(certificates, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType)
        throws CertificateException {
      check(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket)
        throws CertificateException {
      checkClientTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(
        X509Certificate[] certificates, String authType, SSLEngine engine)
        throws CertificateException {
      checkClientTrusted(certificates, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certificates, String authType)
        throws CertificateException {
      throw new CertificateException("a client does not verify clients");
    }
  }

  /**
   * The system's (or the CA's) verification of the chain, and the host name checked against
   * tls-server-name.
   */
  private static final class ServerName extends ServerOnly {
    private final X509ExtendedTrustManager chain;
    private final String name;

    ServerName(X509ExtendedTrustManager chain, String name) {
      this.chain = chain;
      this.name = name;
    }

    @Override
    void check(X509Certificate[] certificates, String authType) throws CertificateException {
      chain.checkServerTrusted(
          certificates, authType); // the chain alone: no endpoint identification
      if (!names(certificates[0], name)) {
        throw new CertificateException(
            "the server's certificate does not name " + name + " (tls-server-name)");
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return chain.getAcceptedIssuers();
    }
  }

  /** insecure-skip-tls-verify: any server certificate is accepted. */
  private static final class Unverified extends ServerOnly {
    @Override
    void check(X509Certificate[] certificates, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /**
   * The exec plugin's client certificate, asked for at each handshake (the plugin runs when it
   * must).
   */
  private static final class FromExec extends X509ExtendedKeyManager {
    private static final String ALIAS = "exec";
    private final Credentials credentials;
    private Exec.Result made;
    private javax.net.ssl.X509KeyManager manager;

    FromExec(Credentials credentials) {
      this.credentials = credentials;
    }

    /**
     * The key manager of the plugin's current result (made once per result), or null without a
     * certificate.
     */
    private synchronized javax.net.ssl.X509KeyManager current() {
      Exec.Result result = credentials.execResult();
      if (result != made) {
        made = result;
        manager =
            result.certificate() == null
                ? null
                : (javax.net.ssl.X509KeyManager)
                    keyManagers(
                        result.certificate(),
                        result.key(),
                        "the exec plugin's client certificate",
                        "the exec plugin's client key")[0];
      }
      return manager;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return current() == null ? null : ALIAS;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return current() == null ? null : ALIAS;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      javax.net.ssl.X509KeyManager manager = current();
      return manager == null ? null : manager.getCertificateChain("client");
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      javax.net.ssl.X509KeyManager manager = current();
      return manager == null ? null : manager.getPrivateKey("client");
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return current() == null ? null : new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }
}
