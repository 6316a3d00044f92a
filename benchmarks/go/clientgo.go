package main

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
)

// clientGo decodes as a Clientset does with an application/json response: the decoder its REST client
// negotiates (the scheme's JSON serializer, which reads with sigs.k8s.io/json), decoding into a
// *corev1.PodList; it lists through CoreV1().Pods(ns).List.
var clientGo = contender{
	name: "client-go",
	decode: func(data []byte) (any, error) {
		list := &corev1.PodList{}
		_, _, err := jsonDecoder.Decode(data, nil, list)
		return list, err
	},
	lister: func(url string) (func(ctx context.Context) (any, error), error) {
		clientset, err := kubernetes.NewForConfig(&rest.Config{Host: url})
		if err != nil {
			return nil, err
		}
		pods := clientset.CoreV1().Pods("default")
		return func(ctx context.Context) (any, error) {
			return pods.List(ctx, metav1.ListOptions{})
		}, nil
	},
	shape: func(decoded any) shape {
		list := decoded.(*corev1.PodList)
		s := shape{Items: len(list.Items)}
		for i := range list.Items {
			pod := &list.Items[i]
			s.Labels += len(pod.Labels)
			s.ManagedFields += len(pod.ManagedFields)
			s.NameBytes += len(pod.Name)
			for _, c := range pod.Spec.Containers {
				s.Containers++
				s.Env += len(c.Env)
			}
		}
		return s
	},
}

// jsonDecoder is what rest.Request.transformResponse negotiates for Content-Type application/json in
// a client of the core/v1 group (setConfigDefaults of k8s.io/client-go/kubernetes/typed/core/v1).
var jsonDecoder = func() runtime.Decoder {
	codecs := rest.CodecFactoryForGeneratedClient(scheme.Scheme, scheme.Codecs).WithoutConversion()
	decoder, err := runtime.NewClientNegotiator(codecs, corev1.SchemeGroupVersion).Decoder(runtime.ContentTypeJSON, nil)
	if err != nil {
		panic(err)
	}
	return decoder
}()
