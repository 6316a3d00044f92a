package main

import (
	"context"

	"kgen.bench/kube/client"
	corev1 "kgen.bench/kube/core/v1"
)

// kgenModule is the module path runtime_go.py generates kgen's client under.
const kgenModule = "kgen.bench/kube"

// kgen decodes with client.Decode, as its generated calls do, into the generated *corev1.PodList; it
// lists through the generated CoreV1Client.ListNamespacedPod.
var kgen = contender{
	name: "kgen",
	decode: func(data []byte) (any, error) {
		list := &corev1.PodList{}
		err := client.Decode(data, list)
		return list, err
	},
	lister: func(url string) (func(ctx context.Context) (any, error), error) {
		c, err := client.New(client.Config{Server: url})
		if err != nil {
			return nil, err
		}
		core := corev1.NewCoreV1Client(c)
		return func(ctx context.Context) (any, error) {
			return core.ListNamespacedPod(ctx, "default", nil)
		}, nil
	},
	shape: func(decoded any) shape {
		list := decoded.(*corev1.PodList)
		s := shape{Items: len(list.Items)}
		for i := range list.Items {
			pod := &list.Items[i]
			if meta := pod.Metadata; meta != nil {
				s.Labels += len(meta.Labels)
				s.ManagedFields += len(meta.ManagedFields)
				if meta.Name != nil {
					s.NameBytes += len(*meta.Name)
				}
			}
			if pod.Spec != nil {
				for _, c := range pod.Spec.Containers {
					s.Containers++
					s.Env += len(c.Env)
				}
			}
		}
		return s
	},
}
