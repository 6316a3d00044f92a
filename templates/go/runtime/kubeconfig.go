// kgen:header

package client

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"sigs.k8s.io/yaml"
)

// ConfigError says why a configuration cannot be used: what is wrong, and in which file and entry.
type ConfigError struct {
	Message string
}

func (e *ConfigError) Error() string {
	return e.Message
}

func configError(format string, args ...any) error {
	return &ConfigError{fmt.Sprintf(format, args...)}
}

// KubeconfigOptions says which kubeconfig to read and what it may do.
type KubeconfigOptions struct {
	// Paths are the files to merge ("": the files KUBECONFIG lists, else ~/.kube/config).
	Paths []string
	// Context is the context to use ("": the files' current-context).
	Context string
	// ExecAllowlist, when not nil, names the exec plugins that may run: a command matches when the
	// kubeconfig writes it exactly so, or when it resolves to a listed full path; never by base name.
	ExecAllowlist []string
}

// FromKubeconfig is a client for a kubeconfig context: the file at path ("": KUBECONFIG's files,
// else ~/.kube/config) and the context named ("": the current one).
func FromKubeconfig(path, context string) (*Client, error) {
	options := KubeconfigOptions{Context: context}
	if path != "" {
		options.Paths = []string{path}
	}
	cfg, err := LoadKubeconfig(options)
	if err != nil {
		return nil, err
	}
	return New(cfg)
}

// LoadKubeconfig is the configuration of a kubeconfig context. The files are read as kubectl reads
// them (YAML or JSON, by sigs.k8s.io/yaml) and merged as kubectl merges them: the first file to set
// current-context, or to name a cluster, user or context, wins; listed files that do not exist are
// skipped. Relative paths are relative to the file that holds them. Errors are *ConfigError.
func LoadKubeconfig(options KubeconfigOptions) (Config, error) {
	paths, explicit := options.Paths, len(options.Paths) > 0
	if !explicit {
		paths = defaultKubeconfigPaths()
	}
	merged := kubeconfigMerge{clusters: map[string]named{}, users: map[string]named{}, contexts: map[string]named{}}
	for _, path := range paths {
		if err := merged.read(path, explicit); err != nil {
			return Config{}, err
		}
	}
	where := strings.Join(paths, ", ")
	name := options.Context
	if name == "" {
		name = merged.current
	}
	if name == "" {
		return Config{}, configError("no context given and no current-context set in %s", where)
	}
	var ctx kubeContext
	if _, err := lookup(merged.contexts, "context", name, where, &ctx); err != nil {
		return Config{}, err
	}
	var cluster kubeCluster
	clusterAt, err := lookup(merged.clusters, "cluster", ctx.Cluster, where, &cluster)
	if err != nil {
		return Config{}, err
	}
	if cluster.Server == "" {
		return Config{}, configError("%s has no server", clusterAt.where)
	}
	cfg := Config{Server: cluster.Server, Namespace: ctx.Namespace, TLSServerName: cluster.TLSServerName, Insecure: cluster.InsecureSkipTLSVerify, ProxyURL: cluster.ProxyURL}
	if cfg.CAData, err = clusterAt.data(cluster.CertificateAuthority, cluster.CertificateAuthorityData, "certificate-authority"); err != nil {
		return Config{}, err
	}
	if ctx.User == "" {
		return cfg, nil
	}
	var user kubeUser
	userAt, err := lookup(merged.users, "user", ctx.User, where, &user)
	if err != nil {
		return Config{}, err
	}
	return cfg, userAt.addUser(&cfg, &user, &cluster, options.ExecAllowlist)
}

func defaultKubeconfigPaths() []string {
	if list := os.Getenv("KUBECONFIG"); list != "" {
		var paths []string
		for _, path := range filepath.SplitList(list) {
			if path != "" {
				paths = append(paths, path)
			}
		}
		return paths
	}
	home, _ := os.UserHomeDir()
	return []string{filepath.Join(home, ".kube", "config")}
}

// The parts of a kubeconfig file the runtime reads.
type kubeconfigFile struct {
	CurrentContext string         `json:"current-context"`
	Clusters       []namedEntries `json:"clusters"`
	Users          []namedEntries `json:"users"`
	Contexts       []namedEntries `json:"contexts"`
}

type namedEntries struct {
	Name    string          `json:"name"`
	Cluster json.RawMessage `json:"cluster"`
	User    json.RawMessage `json:"user"`
	Context json.RawMessage `json:"context"`
}

type kubeContext struct {
	Cluster   string `json:"cluster"`
	User      string `json:"user"`
	Namespace string `json:"namespace"`
}

type kubeCluster struct {
	Server                   string `json:"server"`
	CertificateAuthority     string `json:"certificate-authority"`
	CertificateAuthorityData string `json:"certificate-authority-data"`
	InsecureSkipTLSVerify    bool   `json:"insecure-skip-tls-verify"`
	TLSServerName            string `json:"tls-server-name"`
	ProxyURL                 string `json:"proxy-url"`
}

type kubeUser struct {
	Token                 string    `json:"token"`
	TokenFile             string    `json:"tokenFile"`
	ClientCertificate     string    `json:"client-certificate"`
	ClientCertificateData string    `json:"client-certificate-data"`
	ClientKey             string    `json:"client-key"`
	ClientKeyData         string    `json:"client-key-data"`
	Username              string    `json:"username"`
	Password              string    `json:"password"`
	Exec                  *kubeExec `json:"exec"`
	AuthProvider          *struct {
		Name string `json:"name"`
	} `json:"auth-provider"`
}

type kubeExec struct {
	APIVersion         string    `json:"apiVersion"`
	Command            string    `json:"command"`
	Args               []string  `json:"args"`
	Env                []kubeEnv `json:"env"`
	InstallHint        string    `json:"installHint"`
	ProvideClusterInfo bool      `json:"provideClusterInfo"`
}

type kubeEnv struct {
	Name  *string `json:"name"`
	Value *string `json:"value"`
}

// named is an entry of a kubeconfig file: its JSON, and where it is (relative paths start at its file).
type named struct {
	value json.RawMessage
	file  string
	where string
}

type kubeconfigMerge struct {
	current                   string
	clusters, users, contexts map[string]named
}

// read merges one file; a file that does not exist is skipped unless it was named explicitly.
func (m *kubeconfigMerge) read(path string, explicit bool) error {
	text, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) && !explicit {
			return nil
		}
		return configError("cannot read kubeconfig %s: %v", path, unwrapped(err))
	}
	data, err := yaml.YAMLToJSON(text)
	if err != nil {
		return configError("kubeconfig %s is not valid YAML: %s", path, strings.TrimPrefix(err.Error(), "error converting YAML to JSON: "))
	}
	if trimmed := strings.TrimSpace(string(data)); trimmed != "null" && !strings.HasPrefix(trimmed, "{") {
		return configError("kubeconfig %s is not a mapping", path)
	}
	var file kubeconfigFile
	if err := json.Unmarshal(data, &file); err != nil {
		return configError("kubeconfig %s: %v", path, err)
	}
	if m.current == "" {
		m.current = file.CurrentContext
	}
	for _, entry := range file.Clusters {
		m.add(m.clusters, "cluster", entry.Name, entry.Cluster, path)
	}
	for _, entry := range file.Users {
		m.add(m.users, "user", entry.Name, entry.User, path)
	}
	for _, entry := range file.Contexts {
		m.add(m.contexts, "context", entry.Name, entry.Context, path)
	}
	return nil
}

// add keeps the first entry of a name, as kubectl does.
func (m *kubeconfigMerge) add(entries map[string]named, kind, name string, value json.RawMessage, file string) {
	if _, seen := entries[name]; !seen && name != "" {
		entries[name] = named{value: value, file: file, where: fmt.Sprintf("%s: %s %q", file, kind, name)}
	}
}

// lookup decodes the named entry into into; an unknown name is an error saying which files were read.
func lookup(entries map[string]named, kind, name, where string, into any) (named, error) {
	found, ok := entries[name]
	if !ok {
		return named{}, configError("%s %q not found in %s", kind, name, where)
	}
	if len(found.value) > 0 && string(found.value) != "null" {
		if err := json.Unmarshal(found.value, into); err != nil {
			return named{}, configError("%s: %v", found.where, err)
		}
	}
	return found, nil
}

// path is a path the entry names, relative to its file.
func (n named) path(relative string) string {
	if filepath.IsAbs(relative) {
		return relative
	}
	return filepath.Join(filepath.Dir(n.file), relative)
}

// data is `<key>-data` (base64) or the content of the file `<key>` names.
func (n named) data(file, data, key string) ([]byte, error) {
	if data != "" {
		decoded, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(data), ""))
		if err != nil {
			return nil, configError("%s: %s-data is not base64", n.where, key)
		}
		return decoded, nil
	}
	if file == "" {
		return nil, nil
	}
	read, err := os.ReadFile(n.path(file))
	if err != nil {
		return nil, configError("%s: cannot read %s %s: %v", n.where, key, n.path(file), unwrapped(err))
	}
	return read, nil
}

// addUser sets the user's credentials; what cannot work is an error naming the user now, not at the first request.
func (n named) addUser(cfg *Config, user *kubeUser, cluster *kubeCluster, allowlist []string) error {
	var err error
	if cfg.CertData, err = n.data(user.ClientCertificate, user.ClientCertificateData, "client-certificate"); err != nil {
		return err
	}
	if cfg.KeyData, err = n.data(user.ClientKey, user.ClientKeyData, "client-key"); err != nil {
		return err
	}
	switch {
	case user.Token != "":
		if _, err := bearer(user.Token, n.where); err != nil {
			return err
		}
		cfg.Token = user.Token
	case user.TokenFile != "":
		cfg.TokenFile = n.path(user.TokenFile)
		if _, err := os.Stat(cfg.TokenFile); err != nil {
			return configError("%s: tokenFile %s does not exist", n.where, cfg.TokenFile)
		}
	case user.Exec != nil:
		cfg.Exec, err = n.execConfig(user.Exec, cluster, allowlist)
		return err
	case user.Username != "" && user.Password != "":
		cfg.Username, cfg.Password = user.Username, user.Password
	case user.AuthProvider != nil:
		return configError("%s: auth-provider %q is not supported: use an exec plugin instead", n.where, user.AuthProvider.Name)
	}
	return nil
}

func (n named) execConfig(spec *kubeExec, cluster *kubeCluster, allowlist []string) (*ExecConfig, error) {
	if spec.Command == "" {
		return nil, configError("%s: exec plugin without a command", n.where)
	}
	// A command with a slash is relative to the kubeconfig file, as kubectl has it; a name is looked up on PATH.
	command := spec.Command
	if strings.ContainsRune(command, '/') || strings.ContainsRune(command, filepath.Separator) {
		command = n.path(command)
	}
	if allowlist != nil && !execAllowed(spec.Command, command, allowlist) {
		return nil, configError("%s: exec plugin %q is not in the allowlist (list the command as the kubeconfig writes it, or its full path)", n.where, spec.Command)
	}
	plugin := &ExecConfig{Command: command, Args: spec.Args, Env: map[string]string{}, APIVersion: spec.APIVersion, InstallHint: spec.InstallHint}
	if plugin.APIVersion == "" {
		plugin.APIVersion = execAPIVersions[0]
	}
	if !contains(execAPIVersions, plugin.APIVersion) {
		return nil, configError("%s: exec plugin apiVersion %q is not one of %s", n.where, plugin.APIVersion, strings.Join(execAPIVersions, ", "))
	}
	for index, entry := range spec.Env {
		if entry.Name == nil {
			return nil, configError("%s: exec env entry %d has no name", n.where, index)
		}
		if entry.Value == nil {
			return nil, configError("%s: exec env entry %q has no value", n.where, *entry.Name)
		}
		plugin.Env[*entry.Name] = *entry.Value
	}
	if spec.ProvideClusterInfo {
		plugin.Cluster = map[string]any{"server": cluster.Server}
		if cluster.CertificateAuthorityData != "" {
			plugin.Cluster["certificate-authority-data"] = cluster.CertificateAuthorityData
		}
	}
	return plugin, nil
}

// execAllowed: the command exactly as written, or the executable it resolves to; a base name never matches a path.
func execAllowed(written, command string, allowlist []string) bool {
	if contains(allowlist, written) {
		return true
	}
	found, err := exec.LookPath(command)
	if err != nil {
		return false
	}
	real, err := filepath.EvalSymlinks(found)
	return contains(allowlist, found) || (err == nil && contains(allowlist, real))
}

func contains(list []string, value string) bool {
	for _, item := range list {
		if item == value {
			return true
		}
	}
	return false
}

// unwrapped is an error without the operation and path that os adds (the message says them).
func unwrapped(err error) error {
	if inner := errors.Unwrap(err); inner != nil {
		return inner
	}
	return err
}
