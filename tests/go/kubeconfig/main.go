// Loads each shared kubeconfig case (tests/kubeconfig_cases.py's plan, a JSON file named on the
// command line) with client.LoadKubeconfig; prints one report per case as a JSON object.
// With `read FILE`, reads ConfigMap "a" twice through the kubeconfig FILE and prints what it got.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"

	"kube/client"
	corev1 "kube/core/v1"
)

type entry struct {
	Name       string   `json:"name"`
	Kubeconfig string   `json:"kubeconfig"`
	Context    *string  `json:"context"`
	Allowlist  []string `json:"allowlist"`
}

func digest(data []byte) any {
	if data == nil {
		return nil
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func orNil(text string) any {
	if text == "" {
		return nil
	}
	return text
}

func report(e entry) map[string]any {
	os.Setenv("KUBECONFIG", e.Kubeconfig)
	options := client.KubeconfigOptions{ExecAllowlist: e.Allowlist}
	if e.Context != nil {
		options.Context = *e.Context
	}
	cfg, err := client.LoadKubeconfig(options)
	var authorization string
	if err == nil {
		loaded := cfg
		loaded.HTTPClient = http.DefaultClient // the fixtures' certificates are not real: build no TLS settings
		var c *client.Client
		if c, err = client.New(loaded); err == nil {
			authorization, err = c.Authorization()
		}
	}
	var invalid *client.ConfigError
	if errors.As(err, &invalid) {
		return map[string]any{"error": err.Error()}
	}
	if err != nil {
		panic(err)
	}
	namespace := cfg.Namespace
	if namespace == "" {
		namespace = "default"
	}
	return map[string]any{
		"server": cfg.Server, "namespace": namespace, "authorization": orNil(authorization),
		"ca": digest(cfg.CAData), "cert": digest(cfg.CertData), "key": digest(cfg.KeyData),
		"insecure": cfg.Insecure, "tls_server_name": orNil(cfg.TLSServerName), "proxy": orNil(cfg.ProxyURL),
		"shown": fmt.Sprintf("%v %+v %#v %s", cfg, cfg, cfg, cfg),
	}
}

// read prints ConfigMap "a" of the context's namespace, or the error, once per read.
func read(path string) {
	cfg, err := client.LoadKubeconfig(client.KubeconfigOptions{Paths: []string{path}})
	if err != nil {
		panic(err)
	}
	c, err := client.New(cfg)
	if err != nil {
		panic(err)
	}
	core := corev1.NewCoreV1Client(c)
	for i := 0; i < 2; i++ {
		found, err := core.ReadNamespacedConfigMap(context.Background(), "a", cfg.Namespace, nil)
		line := map[string]any{"namespace": cfg.Namespace}
		if err != nil {
			line["error"] = err.Error()
		} else {
			line["name"] = *found.Metadata.Name
		}
		out, _ := json.Marshal(line)
		fmt.Println(string(out))
	}
}

func main() {
	if os.Args[1] == "read" {
		read(os.Args[2])
		return
	}
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	var plan []entry
	if err := json.Unmarshal(text, &plan); err != nil {
		panic(err)
	}
	reports := map[string]any{}
	for _, e := range plan {
		reports[e.Name] = report(e)
	}
	out, _ := json.Marshal(reports)
	fmt.Println(string(out))
}
