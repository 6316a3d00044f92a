// kgen:header

package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"
)

// ExecConfig is an exec credential plugin (client.authentication.k8s.io/v1 or v1beta1). It runs
// without a shell; its token (or client certificate) is kept until its expirationTimestamp, or until
// the server rejects it when it has none.
type ExecConfig struct {
	Command     string
	Args        []string
	Env         map[string]string
	APIVersion  string
	InstallHint string         // shown when the command cannot run
	Cluster     map[string]any // sent in KUBERNETES_EXEC_INFO when the kubeconfig asks (provideClusterInfo)
}

// String is the plugin as it may be shown: the command, never its arguments or environment (they may hold secrets).
func (plugin ExecConfig) String() string {
	return fmt.Sprintf("ExecConfig{Command: %q}", plugin.Command)
}

// GoString is String: %#v must not show them either.
func (plugin ExecConfig) GoString() string {
	return plugin.String()
}

var execAPIVersions = []string{"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"}

type execResult struct {
	token     string
	cert, key []byte
	expires   time.Time // zero: until the server rejects it
}

// execResult is the plugin's current result, running it when there is none or it has expired.
func (c *credentials) execResult() (*execResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.result != nil && (c.result.expires.IsZero() || time.Now().Before(c.result.expires)) {
		return c.result, nil
	}
	result, err := runExec(c.exec)
	if err != nil {
		return nil, err
	}
	c.result = result
	return result, nil
}

// clientCertificate is tls.Config.GetClientCertificate for a plugin that may return a certificate.
func (c *credentials) clientCertificate(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
	result, err := c.execResult()
	if err != nil || result.cert == nil {
		return &tls.Certificate{}, err
	}
	pair, err := tls.X509KeyPair(result.cert, result.key)
	if err != nil {
		return nil, configError("exec plugin %q returned an unusable client certificate: %v", c.exec.Command, err)
	}
	return &pair, nil
}

func runExec(plugin *ExecConfig) (*execResult, error) {
	spec := map[string]any{"interactive": false}
	if plugin.Cluster != nil {
		spec["cluster"] = plugin.Cluster
	}
	info, err := json.Marshal(map[string]any{"apiVersion": plugin.APIVersion, "kind": "ExecCredential", "spec": spec})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	command := exec.CommandContext(ctx, plugin.Command, plugin.Args...)
	command.Env = append(os.Environ(), "KUBERNETES_EXEC_INFO="+string(info))
	for name, value := range plugin.Env {
		command.Env = append(command.Env, name+"="+value)
	}
	var stdout, stderr bytes.Buffer
	command.Stdout, command.Stderr = &stdout, &stderr
	if err := command.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && exit.ExitCode() >= 0 {
			return nil, configError("exec plugin %q failed with exit code %d: %s", plugin.Command, exit.ExitCode(), pluginStderr(stderr.String()))
		}
		if exit != nil { // ended by a signal (or the deadline)
			return nil, configError("exec plugin %q was ended by %v: %s", plugin.Command, exit, pluginStderr(stderr.String()))
		}
		hint := ""
		if plugin.InstallHint != "" {
			hint = "; " + plugin.InstallHint
		}
		return nil, configError("exec plugin %q could not run: %v%s", plugin.Command, unwrapped(err), hint)
	}
	return execCredential(plugin, stdout.Bytes())
}

func execCredential(plugin *ExecConfig, stdout []byte) (*execResult, error) {
	var credential struct {
		APIVersion string `json:"apiVersion"`
		Status     *struct {
			Token                 string `json:"token"`
			ClientCertificateData string `json:"clientCertificateData"`
			ClientKeyData         string `json:"clientKeyData"`
			ExpirationTimestamp   string `json:"expirationTimestamp"`
		} `json:"status"`
	}
	if err := json.Unmarshal(stdout, &credential); err != nil || credential.Status == nil {
		return nil, configError("exec plugin %q did not print an ExecCredential", plugin.Command)
	}
	if credential.APIVersion != plugin.APIVersion {
		return nil, configError("exec plugin %q answered apiVersion %q, not %q", plugin.Command, credential.APIVersion, plugin.APIVersion)
	}
	status := credential.Status
	result := &execResult{token: status.Token}
	if status.ClientCertificateData != "" && status.ClientKeyData != "" {
		result.cert, result.key = []byte(status.ClientCertificateData), []byte(status.ClientKeyData)
	}
	if result.token == "" && result.cert == nil {
		return nil, configError("exec plugin %q returned neither a token nor a client certificate", plugin.Command)
	}
	if status.ExpirationTimestamp != "" {
		expires, err := time.Parse(time.RFC3339, status.ExpirationTimestamp)
		if err != nil {
			return nil, configError("exec plugin %q returned an expirationTimestamp that is not RFC 3339", plugin.Command)
		}
		result.expires = expires
	}
	return result, nil
}

// A line of a plugin's stderr that names a credential or holds a token-like run is not shown.
var secretLine = regexp.MustCompile(`(?i)token|secret|password|passwd|bearer|credential|authorization|private|[A-Za-z0-9+=_.~-]{24,}`)

const stderrLines, stderrChars = 5, 500

// pluginStderr is the end of an exec plugin's stderr as errors show it: its last lines, without any that may hold a secret.
func pluginStderr(stderr string) string {
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line = strings.TrimRight(line, "\r"); line != "" {
			lines = append(lines, line)
		}
	}
	if len(lines) > stderrLines {
		lines = lines[len(lines)-stderrLines:]
	}
	for i, line := range lines {
		if secretLine.MatchString(line) {
			lines[i] = "[redacted]"
		}
	}
	shown := strings.Join(lines, " | ")
	if len(shown) > stderrChars {
		shown = shown[len(shown)-stderrChars:]
	}
	if shown == "" {
		return "(no stderr)"
	}
	return shown
}
