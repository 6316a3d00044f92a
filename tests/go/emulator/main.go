// Command emulator lists and watches ConfigMaps through the demo spec's generated Go client
// (module kube), against the server at os.Args[1], and prints what it saw as JSON lines.
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
	c, err := client.New(client.Config{Server: os.Args[1], Token: "t0ken"})
	check(err)
	core := corev1.NewCoreV1Client(c)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	for _, name := range []string{"alpha", "beta", "gamma"} {
		_, err := core.CreateNamespacedConfigMap(ctx, "default", configMap(name, map[string]string{"name": name}), nil)
		check(err)
	}
	list, err := core.ListNamespacedConfigMap(ctx, "default", nil)
	check(err)
	names := []string{}
	for _, item := range list.Items {
		names = append(names, *item.Metadata.Name)
	}
	emit("list", names)
	page, err := core.ListNamespacedConfigMap(ctx, "default", &corev1.ListOptions{Limit: client.Ptr[int64](2)})
	check(err)
	emit("page", map[string]any{"items": len(page.Items), "continue": *page.Metadata.Continue})

	w := core.WatchNamespacedConfigMap(ctx, "default", nil)
	events := make(chan client.Event[*corev1.ConfigMap])
	go func() {
		for w.Next() {
			events <- w.Event()
		}
		close(events)
	}()
	next := func() client.Event[*corev1.ConfigMap] {
		event, ok := <-events
		if !ok {
			check(fmt.Errorf("the watch ended: %v", w.Err()))
		}
		emit("event", map[string]any{"type": event.Type, "name": *event.Object.Metadata.Name, "data": event.Object.Data})
		return event
	}
	for i := 0; i < 3; i++ { // the objects that exist when the watch starts
		next()
	}
	_, err = core.CreateNamespacedConfigMap(ctx, "default", configMap("delta", map[string]string{"v": "1"}), nil)
	check(err)
	next()
	_, err = core.PatchNamespacedConfigMap(ctx, "delta", "default", client.MergePatch, map[string]any{"data": map[string]string{"v": "2"}}, nil)
	check(err)
	next()
	deleted, status, err := core.DeleteNamespacedConfigMap(ctx, "delta", "default", nil, nil)
	check(err)
	emit("deleted", map[string]any{"object": deleted != nil, "status": status != nil})
	next()
	w.Stop()

	_, err = core.ReadNamespacedConfigMap(ctx, "missing", "default", nil)
	var apiError *client.APIError
	emit("missing", map[string]any{"notFound": errors.Is(err, client.NotFound), "code": errors.As(err, &apiError) && apiError.Status.Code == 404})
	_, err = core.CreateNamespacedConfigMap(ctx, "default", configMap("alpha", nil), nil)
	emit("duplicate", map[string]any{"conflict": errors.Is(err, client.Conflict)})
}

func configMap(name string, data map[string]string) *corev1.ConfigMap {
	return &corev1.ConfigMap{Metadata: &metav1.ObjectMeta{Name: client.Ptr(name), Namespace: client.Ptr("default")}, Data: data}
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
