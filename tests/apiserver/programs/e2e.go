// Command e2e drives a Go client generated from the live kube-apiserver (module live):
// os.Args = server URL, token, CA file, namespace, etcd URL. It prints one JSON object of what it
// saw; tests/apiserver/test_go_live.py checks it.
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	appsv1 "live/apps/v1"
	certv1 "live/certmanagerio/v1"
	"live/client"
	corev1 "live/core/v1"
	metav1 "live/meta/v1"
)

var report = map[string]any{}

func main() {
	server, token, ca, ns, etcd := os.Args[1], os.Args[2], os.Args[3], os.Args[4], os.Args[5]
	c, err := client.New(client.Config{Server: server, Token: token, CAFile: ca})
	check(err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	core, apps, certs := corev1.NewCoreV1Client(c), appsv1.NewAppsV1Client(c), certv1.NewCertManagerIoV1Client(c)
	_, err = core.CreateNamespace(ctx, &corev1.Namespace{Metadata: &metav1.ObjectMeta{Name: client.Ptr(ns)}}, nil)
	check(err)

	// create, get, list with label and field selectors
	for _, cm := range [][2]string{{"a", "web"}, {"b", "web"}, {"c", "db"}} {
		_, err := core.CreateNamespacedConfigMap(ctx, ns, configMap(cm[0], map[string]string{"tier": cm[1]}, map[string]string{"n": cm[0]}), nil)
		check(err)
	}
	read, err := core.ReadNamespacedConfigMap(ctx, "a", ns, nil)
	check(err)
	report["read"] = read.Data
	report["labelSelector"] = names(core.ListNamespacedConfigMap(ctx, ns, &corev1.ListOptions{LabelSelector: client.Ptr("tier=web")}))
	report["fieldSelector"] = names(core.ListNamespacedConfigMap(ctx, ns, &corev1.ListOptions{FieldSelector: client.Ptr("metadata.name=c")}))
	_, err = core.ReadNamespacedConfigMap(ctx, "nothing", ns, nil)
	report["missing"] = failure(err)

	// replace with a stale resourceVersion
	stale := *read
	fresh := *read
	fresh.Data = map[string]string{"n": "2"}
	_, err = core.ReplaceNamespacedConfigMap(ctx, "a", ns, &fresh, nil)
	check(err)
	stale.Data = map[string]string{"n": "3"}
	_, err = core.ReplaceNamespacedConfigMap(ctx, "a", ns, &stale, nil)
	report["staleReplace"] = failure(err)

	// merge, JSON and strategic patches
	merged, err := core.PatchNamespacedConfigMap(ctx, "b", ns, client.MergePatch, map[string]any{"data": map[string]string{"extra": "1"}}, nil)
	check(err)
	report["merge"] = merged.Data
	ops := []map[string]any{{"op": "replace", "path": "/data/n", "value": "json"}}
	patched, err := core.PatchNamespacedConfigMap(ctx, "b", ns, client.JSONPatch, ops, nil)
	check(err)
	report["json"] = patched.Data
	labels := map[string]string{"app": "web"}
	deployment := &appsv1.Deployment{
		Metadata: &metav1.ObjectMeta{Name: client.Ptr("web")},
		Spec: &appsv1.DeploymentSpec{
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: &corev1.PodTemplateSpec{
				Metadata: &metav1.ObjectMeta{Labels: labels},
				Spec:     &corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: client.Ptr("app:1")}, {Name: "sidecar", Image: client.Ptr("sidecar:1")}}},
			},
		},
	}
	_, err = apps.CreateNamespacedDeployment(ctx, ns, deployment, nil)
	check(err)
	change := map[string]any{"spec": map[string]any{"template": map[string]any{"spec": map[string]any{"containers": []map[string]string{{"name": "app", "image": "app:2"}}}}}}
	strategic, err := apps.PatchNamespacedDeployment(ctx, "web", ns, client.StrategicMergePatch, change, nil)
	check(err)
	var images [][2]string
	for _, container := range strategic.Spec.Template.Spec.Containers {
		images = append(images, [2]string{container.Name, *container.Image})
	}
	report["strategic"] = images

	// server-side apply: a conflict, then forced
	apply := func(owner string, force bool) (*corev1.ConfigMap, error) {
		body := map[string]any{"apiVersion": "v1", "kind": "ConfigMap", "metadata": map[string]any{"name": "applied"}, "data": map[string]string{"owner": owner}}
		return core.PatchNamespacedConfigMap(ctx, "applied", ns, client.ApplyPatch, body, &corev1.PatchOptions{FieldManager: client.Ptr(owner), Force: client.Ptr(force)})
	}
	_, err = apply("alice", false)
	check(err)
	_, err = apply("bob", false)
	report["applyConflict"] = failure(err)
	forced, err := apply("bob", true)
	check(err)
	var appliers []string
	for _, entry := range forced.Metadata.ManagedFields {
		if *entry.Operation == "Apply" {
			appliers = append(appliers, *entry.Manager)
		}
	}
	report["forced"] = []any{forced.Data, appliers}

	// dry-run
	_, err = core.CreateNamespacedConfigMap(ctx, ns, configMap("planned", nil, nil), &corev1.CreateOrReplaceOptions{DryRun: client.Ptr("All")})
	check(err)
	_, err = core.ReadNamespacedConfigMap(ctx, "planned", ns, nil)
	report["dryRun"] = failure(err)

	// invalid objects and strict field validation
	_, err = core.CreateNamespacedConfigMap(ctx, ns, configMap("Not_A_Name", nil, nil), nil)
	report["invalid"] = failure(err)
	_, err = core.PatchNamespacedConfigMap(ctx, "c", ns, client.MergePatch, map[string]any{"spex": 1}, &corev1.PatchOptions{FieldValidation: client.Ptr("Strict")})
	report["strict"] = failure(err)

	// delete with preconditions
	current, err := core.ReadNamespacedConfigMap(ctx, "c", ns, nil)
	check(err)
	_, _, err = core.DeleteNamespacedConfigMap(ctx, "c", ns, &metav1.DeleteOptions{Preconditions: &metav1.Preconditions{ResourceVersion: read.Metadata.ResourceVersion}}, nil)
	report["staleDelete"] = failure(err)
	exact := &metav1.Preconditions{UID: current.Metadata.UID, ResourceVersion: current.Metadata.ResourceVersion}
	_, _, err = core.DeleteNamespacedConfigMap(ctx, "c", ns, &metav1.DeleteOptions{Preconditions: exact}, nil)
	check(err)
	_, err = core.ReadNamespacedConfigMap(ctx, "c", ns, nil)
	report["deleted"] = failure(err)

	// paging, and a continue token expired by compaction (Secrets are not cached: etcd answers)
	for i := 0; i < 5; i++ {
		_, err := core.CreateNamespacedSecret(ctx, ns, &corev1.Secret{Metadata: &metav1.ObjectMeta{Name: client.Ptr(fmt.Sprintf("s%d", i))}}, nil)
		check(err)
	}
	var pages [][]string
	options := &corev1.ListOptions{Limit: client.Ptr(int64(2))}
	for {
		page, err := core.ListNamespacedSecret(ctx, ns, options)
		check(err)
		var names []string
		for _, item := range page.Items {
			names = append(names, *item.Metadata.Name)
		}
		pages = append(pages, names)
		if page.Metadata.Continue == nil || *page.Metadata.Continue == "" {
			break
		}
		options.Continue = page.Metadata.Continue
	}
	report["pages"] = pages
	first, err := core.ListNamespacedSecret(ctx, ns, &corev1.ListOptions{Limit: client.Ptr(int64(2))})
	check(err)
	_, err = core.CreateNamespacedSecret(ctx, ns, &corev1.Secret{Metadata: &metav1.ObjectMeta{Name: client.Ptr("later")}}, nil)
	check(err)
	compact(etcd)
	_, err = core.ListNamespacedSecret(ctx, ns, &corev1.ListOptions{Limit: client.Ptr(int64(2)), Continue: first.Metadata.Continue})
	report["expiredContinue"] = failure(err)

	// a watch from a compacted resourceVersion is Gone
	gone := core.WatchNamespacedSecret(ctx, ns, &corev1.ListOptions{ResourceVersion: first.Metadata.ResourceVersion})
	for gone.Next() {
	}
	report["watchGone"] = failure(gone.Err())

	// a watch with bookmarks, resumed after the server closes it (within 3-6 s)
	listed, err := core.ListNamespacedConfigMap(ctx, ns, nil)
	check(err)
	watch := core.WatchNamespacedConfigMap(ctx, ns, &corev1.ListOptions{ResourceVersion: listed.Metadata.ResourceVersion})
	watch.Bookmarks = true
	defer watch.Stop()
	seen := make(chan string, 100)
	go func() {
		for watch.Next() {
			event := watch.Event()
			if event.Type == client.Bookmark {
				seen <- "BOOKMARK"
				continue
			}
			seen <- string(event.Type) + " " + *event.Object.Metadata.Name
		}
		seen <- "ended: " + fmt.Sprint(watch.Err())
	}()
	_, err = core.CreateNamespacedConfigMap(ctx, ns, configMap("first", nil, nil), nil)
	check(err)
	time.Sleep(7 * time.Second) // past the server's close of the first connection
	_, err = core.CreateNamespacedConfigMap(ctx, ns, configMap("end", nil, nil), nil)
	check(err)
	// Until "end", and a bookmark: the server sends one before it closes a connection (3-6 s), but a
	// loaded machine may send it only after "end" arrived.
	var events []string
	bookmarked, ended := false, false
	patience := time.After(20 * time.Second)
collect:
	for !(ended && bookmarked) {
		select {
		case event := <-seen:
			if event == "BOOKMARK" {
				bookmarked = true
				continue
			}
			events = append(events, event)
			if len(event) > 6 && event[:6] == "ended:" {
				break collect
			}
			ended = ended || event == "ADDED end"
		case <-patience:
			break collect
		}
	}
	report["watch"], report["bookmarked"] = events, bookmarked

	// a typed client for a CRD from the live document, and its status subresource
	// (APIVersion and Kind are required for custom resources: the client does not fill them in yet)
	cert, err := certs.CreateNamespacedCertificate(ctx, ns, &certv1.Certificate{
		APIVersion: "cert-manager.io/v1",
		Kind:       "Certificate",
		Metadata:   &metav1.ObjectMeta{Name: client.Ptr("web")},
		Spec:       &certv1.CertificateSpec{SecretName: "web-tls", DNSNames: []string{"web.example"}, IssuerRef: &certv1.CertificateSpecIssuerRef{Name: "ca"}},
	}, nil)
	check(err)
	cert.Status = &certv1.CertificateStatus{Conditions: []certv1.CertificateStatusConditions{{Type: "Ready", Status: "True"}}}
	_, err = certs.ReplaceNamespacedCertificateStatus(ctx, "web", ns, cert, nil)
	check(err)
	_, err = certs.PatchNamespacedCertificateStatus(ctx, "web", ns, client.MergePatch, map[string]any{"status": map[string]any{"revision": 2}}, nil)
	check(err)
	got, err := certs.ReadNamespacedCertificate(ctx, "web", ns, nil)
	check(err)
	var conditions [][2]string
	for _, condition := range got.Status.Conditions {
		conditions = append(conditions, [2]string{condition.Type, string(condition.Status)})
	}
	report["certificate"] = []any{got.Spec.SecretName, conditions, *got.Status.Revision}

	out, err := json.Marshal(report)
	check(err)
	fmt.Println(string(out))
}

func configMap(name string, labels, data map[string]string) *corev1.ConfigMap {
	return &corev1.ConfigMap{Metadata: &metav1.ObjectMeta{Name: client.Ptr(name), Labels: labels}, Data: data}
}

func names(list *corev1.ConfigMapList, err error) []string {
	check(err)
	var out []string
	for _, item := range list.Items {
		out = append(out, *item.Metadata.Name)
	}
	return out
}

// failure is how the report shows the error a call failed with.
func failure(err error) map[string]any {
	var apiError *client.APIError
	if !errors.As(err, &apiError) {
		return map[string]any{"error": fmt.Sprint(err)}
	}
	causes := []client.StatusCause{}
	if apiError.Status.Details != nil && apiError.Status.Details.Causes != nil {
		causes = apiError.Status.Details.Causes
	}
	return map[string]any{"error": string(apiError.Kind()), "code": apiError.StatusCode, "reason": apiError.Status.Reason, "message": apiError.Status.Message, "causes": causes}
}

// compact compacts etcd's history through its JSON gateway: two writes of a key of our own first, so that
// every version handed out so far, and the one after it (where a watch from it starts), are history.
func compact(etcd string) {
	var put struct {
		Header struct {
			Revision string `json:"revision"`
		} `json:"header"`
	}
	tick := map[string]any{"key": base64.StdEncoding.EncodeToString([]byte("/kgen-e2e/compaction")), "value": base64.StdEncoding.EncodeToString([]byte("tick"))}
	post(etcd+"/v3/kv/put", tick, nil)
	post(etcd+"/v3/kv/put", tick, &put)
	post(etcd+"/v3/kv/compaction", map[string]any{"revision": put.Header.Revision, "physical": true}, nil)
}

func post(url string, body any, reply any) {
	data, err := json.Marshal(body)
	check(err)
	response, err := http.Post(url, "application/json", bytes.NewReader(data))
	check(err)
	defer response.Body.Close()
	if response.StatusCode != http.StatusOK {
		check(fmt.Errorf("POST %s: %s", url, response.Status))
	}
	if reply != nil {
		check(json.NewDecoder(response.Body).Decode(reply))
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
