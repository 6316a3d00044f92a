// kgen:header

package client

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
)

// Config says where the API server is and how to reach it: a server's URL with a token and CA, or
// LoadKubeconfig's reading of kubeconfig files, or InClusterConfig inside a pod. It prints (%v, %+v,
// %#v) as its server, without a password, and its namespace: never its credentials.
type Config struct {
	Server    string // the API server's URL, such as https://10.0.0.1:6443
	Namespace string // the namespace of the kubeconfig context ("": default)

	Token     string // a bearer token
	TokenFile string // a file holding the bearer token, read again whenever it changes (rotating tokens)

	Username, Password string      // HTTP basic authentication
	Exec               *ExecConfig // an exec credential plugin, run without a shell

	CAFile string // PEM certificates to trust instead of the system's
	CAData []byte

	CertFile, KeyFile string // a client certificate and its key (PEM)
	CertData, KeyData []byte

	TLSServerName string // the name the server's certificate must carry, if not the URL's host
	Insecure      bool   // do not verify the server's certificate (never in production)
	ProxyURL      string // the HTTP proxy to send requests through ("": HTTPS_PROXY and the like)

	UserAgent    string
	FieldManager string // sent with server-side apply patches that do not name one

	// Timeout is the deadline of each request but watches, from sending it to the last byte of its
	// response (default 60s; negative: none).
	Timeout time.Duration
	// WatchIdle is how long a watch may go without a whole event before it is resumed on a new
	// connection (default 5m): a watch lasts, so its deadline is per event.
	WatchIdle time.Duration

	// Limits on what a server can make the client hold (0: the default). A larger Content-Length is
	// refused before reading; a gzip body is inflated as it is read, so a bomb stops at its limit.
	MaxResponseBytes     int64 // a response body as received (default 512 MiB)
	MaxDecompressedBytes int64 // a response body inflated (default 512 MiB)
	MaxWatchLineBytes    int64 // one event of a watch (default 16 MiB)

	Retry     *Retry            // default: DefaultRetry
	OnWarning func(text string) // called with each Warning header the server sends (deprecations and the like)

	// HTTPClient sends the requests instead of a client made from the TLS settings above. Its CheckRedirect is
	// kept: the client made here answers a redirect with an APIError instead of following it.
	HTTPClient *http.Client
}

const serviceAccount = "/var/run/secrets/kubernetes.io/serviceaccount/"

// InClusterConfig is the configuration of a pod's service account: its token and CA, and the
// server that KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT name.
func InClusterConfig() (Config, error) {
	host, port := os.Getenv("KUBERNETES_SERVICE_HOST"), os.Getenv("KUBERNETES_SERVICE_PORT")
	if host == "" || port == "" {
		return Config{}, fmt.Errorf("not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set")
	}
	namespace, _ := os.ReadFile(serviceAccount + "namespace")
	return Config{Server: "https://" + net.JoinHostPort(host, port), Namespace: strings.TrimSpace(string(namespace)), TokenFile: serviceAccount + "token", CAFile: serviceAccount + "ca.crt"}, nil
}

// String is the configuration as it may be shown: the server without a password, and the namespace.
func (cfg Config) String() string {
	namespace := cfg.Namespace
	if namespace == "" {
		namespace = "default"
	}
	return fmt.Sprintf("Config{Server: %q, Namespace: %q}", redactedURL(cfg.Server), namespace)
}

// GoString is String: %#v must not show credentials either.
func (cfg Config) GoString() string {
	return cfg.String()
}

// redactedURL is a URL with the password of its user information replaced by ***.
func redactedURL(server string) string {
	u, err := url.Parse(server)
	if err != nil {
		return "(a server URL that does not parse)" // it may hold a password that url.Parse could not find
	}
	if u.User == nil {
		return server
	}
	if _, set := u.User.Password(); !set {
		return server
	}
	return strings.Replace(u.String(), u.User.String()+"@", url.PathEscape(u.User.Username())+":***@", 1)
}

func (cfg *Config) transport(creds *credentials) (*http.Transport, error) {
	tlsConfig := &tls.Config{ServerName: cfg.TLSServerName, InsecureSkipVerify: cfg.Insecure, MinVersion: tls.VersionTLS12}
	ca, err := fileOr(cfg.CAFile, cfg.CAData)
	if err != nil {
		return nil, fmt.Errorf("reading the CA: %w", err)
	}
	if len(ca) > 0 {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(ca) {
			return nil, fmt.Errorf("the CA holds no PEM certificate")
		}
		tlsConfig.RootCAs = pool
	}
	certData, err := fileOr(cfg.CertFile, cfg.CertData)
	if err != nil {
		return nil, fmt.Errorf("reading the client certificate: %w", err)
	}
	keyData, err := fileOr(cfg.KeyFile, cfg.KeyData)
	if err != nil {
		return nil, fmt.Errorf("reading the client key: %w", err)
	}
	if len(certData) > 0 || len(keyData) > 0 {
		pair, err := tls.X509KeyPair(certData, keyData)
		if err != nil {
			return nil, fmt.Errorf("the client certificate: %w", err)
		}
		tlsConfig.Certificates = []tls.Certificate{pair}
	} else if cfg.Exec != nil {
		tlsConfig.GetClientCertificate = creds.clientCertificate
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig = tlsConfig
	if cfg.ProxyURL != "" {
		proxy, err := url.Parse(cfg.ProxyURL)
		if err != nil {
			return nil, fmt.Errorf("the proxy URL: %w", err)
		}
		transport.Proxy = http.ProxyURL(proxy)
	}
	return transport, nil
}

// fileOr is the content of the file at path, or data when no path is set.
func fileOr(path string, data []byte) ([]byte, error) {
	if path == "" {
		return data, nil
	}
	return os.ReadFile(path)
}

// credentials gives the Authorization header: a token, a token file read again when it has changed,
// basic authentication, or an exec plugin's result, kept until it expires or the server rejects it.
type credentials struct {
	token string
	file  string
	basic string
	exec  *ExecConfig

	mu       sync.Mutex
	modified time.Time
	size     int64
	cached   string
	result   *execResult
}

func newCredentials(cfg *Config) *credentials {
	creds := &credentials{token: cfg.Token, file: cfg.TokenFile, exec: cfg.Exec}
	if cfg.Username != "" || cfg.Password != "" {
		creds.basic = "Basic " + base64.StdEncoding.EncodeToString([]byte(cfg.Username+":"+cfg.Password))
	}
	return creds
}

func (c *credentials) header() (string, error) {
	switch {
	case c.exec != nil:
		result, err := c.execResult()
		if err != nil || result.token == "" {
			return "", err
		}
		return bearer(result.token, fmt.Sprintf("exec plugin %q", c.exec.Command))
	case c.file != "":
		return c.fileToken()
	case c.token != "":
		return bearer(c.token, "Config.Token")
	}
	return c.basic, nil
}

// forget drops what the server rejected (an exec plugin's result, a token file's cached token);
// whether the next request may carry other credentials.
func (c *credentials) forget() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.result, c.cached = nil, ""
	return c.exec != nil || c.file != ""
}

// Authorization is the Authorization header the client sends now ("" for none), for requests made
// outside it (websockets for exec and port-forward, say); an exec plugin runs if it must.
func (c *Client) Authorization() (string, error) {
	return c.credentials.header()
}

func (c *credentials) fileToken() (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	info, err := os.Stat(c.file)
	if err != nil {
		return "", configError("cannot read token file %s: %v", c.file, unwrapped(err))
	}
	if !info.ModTime().Equal(c.modified) || info.Size() != c.size || c.cached == "" {
		data, err := os.ReadFile(c.file)
		if err != nil {
			return "", configError("cannot read token file %s: %v", c.file, unwrapped(err))
		}
		header, err := bearer(strings.TrimSpace(string(data)), "token file "+c.file)
		if err != nil {
			return "", err
		}
		c.cached, c.modified, c.size = header, info.ModTime(), info.Size()
	}
	return c.cached, nil
}

// bearer is the Authorization header of a token; a token no header can carry is refused unseen. A token is
// visible ASCII.
func bearer(token, source string) (string, error) {
	for i := 0; i < len(token); i++ {
		if token[i] < 0x21 || token[i] > 0x7e {
			return "", &ConfigError{source + ": the token holds a character an HTTP header cannot carry (a line break, a space, a control character, or one beyond ASCII such as a byte order mark); fix the token (it is not shown)"}
		}
	}
	return "Bearer " + token, nil
}
