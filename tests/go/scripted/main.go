// Command scripted drives the demo spec's generated Go client (module kube) against a scripted server at
// os.Args[2] and prints what it saw as JSON lines. os.Args[1] names the scenario.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
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
		applied, err := core.PatchNamespacedConfigMap(ctx, "cm", "default", client.ApplyPatch, patch, &corev1.PatchNamespacedConfigMapOptions{Force: client.Ptr(true)})
		if err != nil {
			emit("refused", err.Error())
			return
		}
		emit("applied", *applied.Metadata.Name)
	}
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
