// Command gobench measures kgen's generated Go client beside client-go on one PodList: decode, list over
// loopback HTTP, and the heap the listed items hold. benchmarks/runtime_go.py builds and drives it; it
// prints one JSON object per run on stdout.
//
//	gobench serve DATA                   serve DATA as the pods of every GET on 127.0.0.1; prints the URL
//	gobench decode DATA REPEATS          every decoder in one process, interleaved rounds
//	gobench list URL REPEATS             every client lists the pods at URL, interleaved rounds
//	gobench held URL CLIENT              the live heap one list's kept items hold (run in a fresh process)
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"
)

// A contender decodes a PodList and lists pods; shape summarizes what it decoded, so that the runs can
// check that every contender read the same items.
type contender struct {
	name   string
	decode func(data []byte) (any, error)
	lister func(url string) (func(ctx context.Context) (any, error), error) // nil: not an API client
	shape  func(decoded any) shape
}

// shape is what a decoded list holds, counted the same way through each contender's types.
type shape struct {
	Items         int `json:"items"`
	Containers    int `json:"containers"`
	Env           int `json:"env"`
	Labels        int `json:"labels"`
	ManagedFields int `json:"managedFields"`
	NameBytes     int `json:"nameBytes"`
}

var contenders = []contender{clientGo, kgen, plainMap}

func main() {
	if len(os.Args) < 3 {
		fail(fmt.Errorf("usage: gobench serve|decode|list|held ARGS"))
	}
	var err error
	switch args := os.Args[2:]; os.Args[1] {
	case "serve":
		err = serve(args[0])
	case "decode":
		err = decodeRounds(args[0], count(args[1]))
	case "list":
		err = listRounds(args[0], count(args[1]))
	case "held":
		err = held(args[0], args[1])
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gobench:", err)
	os.Exit(1)
}

func count(text string) int {
	n, err := strconv.Atoi(text)
	if err != nil || n < 1 {
		fail(fmt.Errorf("%q is not a positive count", text))
	}
	return n
}

func byName(name string) (contender, error) {
	for _, c := range contenders {
		if c.name == name {
			return c, nil
		}
	}
	return contender{}, fmt.Errorf("no contender %q", name)
}

// serve answers every GET with the PodList, as application/json with its length, until killed.
func serve(path string) error {
	body, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("http://%s\n", listener.Addr())
	length := strconv.Itoa(len(body))
	return http.Serve(listener, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", length)
		_, _ = w.Write(body)
	}))
}

// measurement is one timed call: its duration and what it allocated.
type measurement struct {
	Seconds    float64 `json:"seconds"`
	AllocBytes uint64  `json:"allocBytes"`
	Allocs     uint64  `json:"allocs"`
}

// timed runs call after a full GC, and measures it.
func timed(call func() (any, error)) (measurement, any, error) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	result, err := call()
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	return measurement{elapsed.Seconds(), after.TotalAlloc - before.TotalAlloc, after.Mallocs - before.Mallocs}, result, err
}

// rounds calls each of calls once per round, warmed by one call first, in an order rotated each round.
func rounds(names []string, calls map[string]func() (any, error), shapes map[string]func(any) shape, repeats int) (map[string]any, error) {
	runs := map[string][]measurement{}
	seen := map[string]shape{}
	for _, name := range names {
		decoded, err := calls[name]()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		seen[name] = shapes[name](decoded)
	}
	for round := 0; round < repeats; round++ {
		for i := range names {
			name := names[(i+round)%len(names)]
			m, decoded, err := timed(calls[name])
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			runtime.KeepAlive(decoded)
			runs[name] = append(runs[name], m)
		}
	}
	return map[string]any{"runs": runs, "shapes": seen, "order": names, "versions": versions()}, nil
}

func decodeRounds(path string, repeats int) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var names []string
	calls := map[string]func() (any, error){}
	shapes := map[string]func(any) shape{}
	for _, c := range contenders {
		decode := c.decode
		names = append(names, c.name)
		calls[c.name] = func() (any, error) { return decode(data) }
		shapes[c.name] = c.shape
	}
	result, err := rounds(names, calls, shapes, repeats)
	if err != nil {
		return err
	}
	result["bytes"] = len(data)
	return emit(result)
}

func listRounds(url string, repeats int) error {
	var names []string
	calls := map[string]func() (any, error){}
	shapes := map[string]func(any) shape{}
	for _, c := range contenders {
		if c.lister == nil {
			continue
		}
		list, err := c.lister(url)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		names = append(names, c.name)
		calls[c.name] = func() (any, error) { return list(context.Background()) }
		shapes[c.name] = c.shape
	}
	result, err := rounds(names, calls, shapes, repeats)
	if err != nil {
		return err
	}
	return emit(result)
}

// held lists once and keeps the items: the live heap after a full GC, less the same before the list
// (the client made, nothing listed yet).
func held(url, name string) error {
	c, err := byName(name)
	if err != nil {
		return err
	}
	if c.lister == nil {
		return fmt.Errorf("%s lists nothing", name)
	}
	list, err := c.lister(url)
	if err != nil {
		return err
	}
	base := liveHeap()
	items, err := list(context.Background())
	if err != nil {
		return err
	}
	after := liveHeap()
	summary := c.shape(items)
	runtime.KeepAlive(items)
	return emit(map[string]any{"heldBytes": int64(after) - int64(base), "shape": summary, "versions": versions()})
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC() // a second cycle: what the first only marked as unreachable is swept
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	return stats.HeapAlloc
}

// versions are Go's and those of the modules measured, as this binary was built with them.
func versions() map[string]string {
	found := map[string]string{"go": runtime.Version(), "GOMAXPROCS": strconv.Itoa(runtime.GOMAXPROCS(0))}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			switch dep.Path {
			case "k8s.io/client-go", "k8s.io/api", "k8s.io/apimachinery", "sigs.k8s.io/json", kgenModule:
				found[dep.Path] = dep.Version
			}
		}
	}
	return found
}

func emit(result map[string]any) error {
	out, err := json.Marshal(result)
	if err != nil {
		return err
	}
	fmt.Println(string(out))
	return nil
}
