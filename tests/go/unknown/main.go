// Command unknown reads the ConfigMap "newer" (which carries members the demo spec does not know),
// changes its data, puts an owner reference first and replaces it; then does the same to the item of a
// list. The server at os.Args[1] must get every unknown member back.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"kube/client"
	corev1 "kube/core/v1"
	metav1 "kube/meta/v1"
)

func main() {
	c, err := client.New(client.Config{Server: os.Args[1]})
	check(err)
	core := corev1.NewCoreV1Client(c)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	read, err := core.ReadNamespacedConfigMap(ctx, "newer", "default", nil)
	check(err)
	read.Data = map[string]string{"mode": "b"}
	owner := metav1.OwnerReference{APIVersion: "v1", Kind: "Secret", Name: "c", UID: "3"}
	read.Metadata.OwnerReferences = append([]metav1.OwnerReference{owner}, read.Metadata.OwnerReferences...)
	_, err = core.ReplaceNamespacedConfigMap(ctx, "newer", "default", read, nil)
	check(err)
	fmt.Println("replaced")

	list, err := core.ListNamespacedConfigMap(ctx, "default", nil)
	check(err)
	item := list.Items[0]
	item.Data = map[string]string{"mode": "c"}
	_, err = core.ReplaceNamespacedConfigMap(ctx, "newer", "default", &item, nil)
	check(err)
	fmt.Println("replaced item")
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
