// Tests of client.Decode on both of its paths, copied into the client package of the demo document's Go
// output by tests/test_go.py: a Widget reaches a value typed any (spec.config), a ConfigMap and a Pod do
// not (a Quantity decodes itself). On both, numbers keep their tokens and unknown members are kept.
package client_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"kube/client"
	corev1 "kube/core/v1"
	examplev1 "kube/examplecom/v1"
)

func TestPaths(t *testing.T) {
	for _, c := range []struct {
		value any
		want  bool
	}{
		{examplev1.Widget{}, true},
		{examplev1.WidgetList{}, true},
		{map[string]any{}, true},
		{corev1.ConfigMap{}, false},
		{corev1.Pod{}, false},
		{corev1.PodList{}, false},
		{client.Unknown{}, false},
	} {
		if got := client.ReachesAny(reflect.TypeOf(c.value)); got != c.want {
			t.Errorf("reachesAny(%T) = %v, want %v", c.value, got, c.want)
		}
	}
}

// Each document is written as Marshal writes it (known fields in order, then unknown members in key
// order), so a decode and an encode give it back byte for byte.
const (
	widget = `{"apiVersion":"example.com/v1","kind":"Widget",` +
		`"metadata":{"labels":{},"name":"w","later":{"n":1.50}},` +
		`"spec":{"config":{"big":123456789012345678901234567890,"exp":1E+400,"list":[-0,0.10,1e3],"nested":{"x":2.50}},"size":3,"next":[0.50,-0]},` +
		`"newer":12345678901234567890123}`
	configMap = `{"apiVersion":"v1","data":{"a":"b"},"kind":"ConfigMap",` +
		`"metadata":{"name":"c","later":[1.50,-0,1E+400]},` +
		`"newer":{"big":123456789012345678901234567890,"tenth":0.10}}`
	pod = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},` +
		`"spec":{"containers":[{"name":"c","resources":{"limits":{"cpu":0.50,"memory":"1Gi"}},"later":1e3}]},"newer":-0}`
)

func roundTrip[T any](t *testing.T, data string) *T {
	t.Helper()
	value := new(T)
	if err := client.Decode([]byte(data), value); err != nil {
		t.Fatalf("Decode(%T): %v", value, err)
	}
	out, err := client.Marshal(value)
	if err != nil {
		t.Fatalf("Marshal(%T): %v", value, err)
	}
	if string(out) != data {
		t.Errorf("%T did not come back as it was sent:\n got %s\nwant %s", value, out, data)
	}
	return value
}

func TestReachingAnyKeepsNumbersAndUnknownMembers(t *testing.T) {
	w := roundTrip[examplev1.Widget](t, widget)
	if big, ok := w.Spec.Config["big"].(json.Number); !ok || big != "123456789012345678901234567890" {
		t.Errorf("spec.config.big = %#v, want the json.Number of its token", w.Spec.Config["big"])
	}
	if list, _ := w.Spec.Config["list"].([]any); len(list) != 3 || list[0] != json.Number("-0") || list[1] != json.Number("0.10") {
		t.Errorf("spec.config.list = %#v, want json.Numbers -0, 0.10, 1e3", w.Spec.Config["list"])
	}
	if got := string(w.Unknown["newer"]); got != "12345678901234567890123" {
		t.Errorf("Unknown[newer] = %s", got)
	}
	if got := string(w.Spec.Unknown["next"]); got != "[0.50,-0]" {
		t.Errorf("spec.Unknown[next] = %s", got)
	}
	if got := string(w.Metadata.Unknown["later"]); got != `{"n":1.50}` {
		t.Errorf("metadata.Unknown[later] = %s", got)
	}
	var loose any
	if err := client.Decode([]byte(`{"n":[12345678901234567890123,0.10]}`), &loose); err != nil {
		t.Fatal(err)
	}
	if n := loose.(map[string]any)["n"].([]any); n[0] != json.Number("12345678901234567890123") || n[1] != json.Number("0.10") {
		t.Errorf("any: %#v, want json.Numbers", n)
	}
}

func TestNotReachingAnyKeepsUnknownMembers(t *testing.T) {
	cm := roundTrip[corev1.ConfigMap](t, configMap)
	if got := string(cm.Unknown["newer"]); got != `{"big":123456789012345678901234567890,"tenth":0.10}` {
		t.Errorf("Unknown[newer] = %s", got)
	}
	if got := string(cm.Metadata.Unknown["later"]); got != "[1.50,-0,1E+400]" {
		t.Errorf("metadata.Unknown[later] = %s", got)
	}
	p := roundTrip[corev1.Pod](t, pod)
	if got := string(p.Spec.Containers[0].Unknown["later"]); got != "1e3" {
		t.Errorf("containers[0].Unknown[later] = %s", got)
	}
	if got := string(p.Unknown["newer"]); got != "-0" {
		t.Errorf("Unknown[newer] = %s", got)
	}
}

func TestBothPathsRefuseWhatIsNotOneValue(t *testing.T) {
	for _, data := range []string{`{"kind":"ConfigMap"} {}`, `{"kind":"ConfigMap"} x`, `{"kind":"ConfigMap"`, `{"kind":1}`} {
		for _, into := range []any{&corev1.ConfigMap{}, &examplev1.Widget{}} {
			if err := client.Decode([]byte(data), into); err == nil {
				t.Errorf("Decode(%s) into %T: no error", data, into)
			}
		}
	}
	for _, into := range []any{&corev1.ConfigMap{}, &examplev1.Widget{}} {
		if err := client.Decode([]byte(" \n{\"kind\":\"x\"}\n "), into); err != nil || !strings.Contains(reflect.ValueOf(into).Elem().FieldByName("Kind").String(), "x") {
			t.Errorf("Decode with spaces around into %T: %v", into, err)
		}
	}
}
