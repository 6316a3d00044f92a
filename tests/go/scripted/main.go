// Command scripted drives the demo spec's generated Go client (module kube) against a scripted server at
// os.Args[2] and prints what it saw as JSON lines. os.Args[1] names the scenario.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"time"

	"kube/client"
	corev1 "kube/core/v1"
	metav1 "kube/meta/v1"
)

func main() {
	var warnings []string
	c, err := client.New(client.Config{
		Server:       os.Args[2],
		Token:        "s3cret",
		FieldManager: os.Getenv("FIELD_MANAGER"),
		Retry:        &client.Retry{Attempts: 2, MaxWait: 50 * time.Millisecond, Backoff: 10 * time.Millisecond},
		OnWarning:    func(text string) { warnings = append(warnings, text) },
	})
	check(err)
	core := corev1.NewCoreV1Client(c)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	switch os.Args[1] {
	case "watch":
		w := core.WatchNamespacedConfigMap(ctx, "default", &corev1.ListOptions{LabelSelector: client.Ptr("app=x")})
		w.Bookmarks = true
		for w.Next() {
			event := w.Event()
			name := ""
			if event.Object != nil {
				name = *event.Object.Metadata.Name
			}
			emit("event", map[string]any{"type": event.Type, "name": name, "resourceVersion": event.ResourceVersion})
		}
		var apiError *client.APIError
		errors.As(w.Err(), &apiError)
		emit("end", map[string]any{"gone": errors.Is(w.Err(), client.Gone), "code": apiError.Status.Code, "checkpoint": w.ResourceVersion()})
	case "errors":
		_, err := core.CreateNamespacedConfigMap(ctx, "default", &corev1.ConfigMap{Metadata: &metav1.ObjectMeta{Name: client.Ptr("bad")}}, nil)
		var apiError *client.APIError
		errors.As(err, &apiError)
		emit("invalid", map[string]any{"invalid": errors.Is(err, client.Invalid), "causes": apiError.Status.Details.Causes, "error": err.Error()})
		read, err := core.ReadNamespacedConfigMap(ctx, "throttled", "default", nil)
		check(err)
		emit("retried", map[string]any{"name": *read.Metadata.Name, "warnings": warnings})
	case "apply":
		patch := map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{"name": "cm"}}
		applied, err := core.PatchNamespacedConfigMap(ctx, "cm", "default", client.ApplyPatch, patch, &corev1.PatchOptions{Force: client.Ptr(true)})
		if err != nil {
			emit("refused", err.Error())
			return
		}
		emit("applied", *applied.Metadata.Name)
	case "safety":
		safety(ctx, os.Args[2], os.Args[3])
	}
}

// safety reports how each attack of a hostile server ended: the error's type, and what it says.
func safety(ctx context.Context, server, closed string) {
	bounded, err := client.New(client.Config{
		Server: server, Timeout: time.Second, MaxResponseBytes: 2 << 20, MaxDecompressedBytes: 2 << 20, MaxWatchLineBytes: 1 << 20,
		Retry: &client.Retry{Attempts: 2, MaxWait: 10 * time.Millisecond, Backoff: time.Millisecond},
	})
	check(err)
	core := corev1.NewCoreV1Client(bounded)
	for _, name := range []string{"", ".", "..", "a/b", "x%2Fy", "x%2fy"} {
		_, _, err := core.DeleteNamespacedPod(ctx, name, "default", nil, nil)
		var refused *client.PathArgumentError
		emit("path", map[string]any{"refused": errors.As(err, &refused) && refused.Name == "name", "error": fmt.Sprint(err)})
	}
	for _, name := range []string{"huge", "endless", "bomb", "trickle", "decode"} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := core.ReadNamespacedConfigMap(ctx, name, "default", nil)
		runtime.ReadMemStats(&after)
		emit(name, classify(err, after.TotalAlloc-before.TotalAlloc))
	}
	_, err = core.ReadNamespacedConfigMap(ctx, "redirect", "default", nil)
	emit("redirect", classify(err, 0))
	for _, name := range []string{"forever", "nan"} {
		started := time.Now()
		_, err = core.ReadNamespacedConfigMap(ctx, name, "default", nil)
		emit(name, map[string]any{"error": classify(err, 0), "waited": time.Since(started).Milliseconds()})
	}
	w := core.WatchNamespacedConfigMap(ctx, "line", nil)
	for w.Next() {
	}
	emit("line", classify(w.Err(), 0))
	idle, err := client.New(client.Config{Server: server, WatchIdle: time.Second, Retry: &client.Retry{Attempts: 1, MaxWait: time.Millisecond, Backoff: time.Millisecond}})
	check(err)
	w = corev1.NewCoreV1Client(idle).WatchNamespacedConfigMap(ctx, "trickle", nil)
	for w.Next() {
	}
	emit("trickleWatch", map[string]any{"error": classify(w.Err(), 0), "text": fmt.Sprint(w.Err())})
	_, err = core.CreateNamespacedConfigMap(ctx, "post503", &corev1.ConfigMap{Metadata: &metav1.ObjectMeta{Name: client.Ptr("a")}}, nil)
	emit("post503", classify(err, 0))
	refused, err := client.New(client.Config{Server: closed, Retry: &client.Retry{}})
	check(err)
	_, err = corev1.NewCoreV1Client(refused).ReadNamespacedConfigMap(ctx, "a", "default", nil)
	var opError *net.OpError
	emit("refused", map[string]any{"error": classify(err, 0), "cause": errors.As(err, &opError)})
}

func classify(err error, allocated uint64) map[string]any {
	var large *client.ResponseTooLargeError
	var network *client.NetworkError
	var decode *client.DecodeError
	var api *client.APIError
	switch {
	case errors.As(err, &large):
		return map[string]any{"type": "ResponseTooLarge", "what": large.What, "limit": large.Limit, "allocated": allocated}
	case errors.As(err, &network):
		return map[string]any{"type": "NetworkError", "method": network.Method, "cause": errors.Unwrap(network) != nil}
	case errors.As(err, &decode):
		return map[string]any{"type": "DecodeError", "status": decode.StatusCode, "body": string(decode.Body), "error": decode.Error()}
	case errors.As(err, &api):
		return map[string]any{"type": "APIError", "code": api.StatusCode}
	}
	return map[string]any{"type": fmt.Sprintf("%T", err), "error": fmt.Sprint(err)}
}

func emit(what string, value any) {
	line, err := json.Marshal(map[string]any{what: value})
	check(err)
	fmt.Println(string(line))
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
