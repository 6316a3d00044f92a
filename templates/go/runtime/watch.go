// kgen:header

package client

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

// EventType is what happened to an object, or BOOKMARK.
type EventType string

// The types of watch events.
const (
	Added    EventType = "ADDED"
	Modified EventType = "MODIFIED"
	Deleted  EventType = "DELETED" // Object is its last state
	Bookmark EventType = "BOOKMARK"
)

// Event is one event of a watch. For a bookmark, Object is the zero T and ResourceVersion and
// Annotations are the bookmark's.
type Event[T any] struct {
	Type            EventType
	Object          T
	ResourceVersion string
	Annotations     map[string]string
}

// Watch streams the events of a list operation (watch=true). It asks for bookmarks and remembers the
// resourceVersion of the last event, so a dropped or silent connection (or the server's own timeout)
// resumes from there with nothing lost or repeated. When that version has expired, the server answers
// 410 and the watch ends with an *APIError for which errors.Is(err, client.Gone) holds: list again,
// and watch from the list's resourceVersion.
//
//	w := api.WatchNamespacedConfigMap(ctx, "default", nil)
//	defer w.Stop()
//	for w.Next() {
//		event := w.Event()
//	}
//	err := w.Err()
//
// A watch ends when its context is done (Err is the context's error), when the server ends it and the
// options set timeoutSeconds, or on an error it cannot resume from.
type Watch[T any] struct {
	// Bookmarks makes Next stop at BOOKMARK events too (they are always asked for, to resume from).
	Bookmarks bool

	ctx      context.Context
	client   *Client
	op       *Op
	call     Call
	version  string
	ends     bool
	started  bool
	response *http.Response
	lines    *bufio.Reader
	idle     *time.Timer
	event    Event[T]
	err      error
	done     bool
	failures int
	received bool
	stalled  bool       // the connection was closed for going WatchIdle without a whole event
	mu       sync.Mutex // guards response, done and stalled against Stop and the idle timer
}

// NewWatch starts nothing: the first Next connects.
func NewWatch[T any](ctx context.Context, c *Client, op *Op, call Call) *Watch[T] {
	return &Watch[T]{ctx: ctx, client: c, op: op, call: call}
}

// Next waits for the next event; false when the watch has ended (see Err).
func (w *Watch[T]) Next() bool {
	for !w.isDone() {
		if w.lines == nil {
			if err := w.connect(); err != nil {
				if !w.resumable(err) {
					w.finish(err)
				}
				continue
			}
		}
		line, err := w.readLine()
		w.idle.Reset(w.client.watchIdle())
		if err == nil {
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			event, err := w.decode(line)
			if err != nil {
				w.finish(err)
				return false
			}
			w.failures, w.received = 0, true
			if event.ResourceVersion != "" {
				w.version = event.ResourceVersion
			}
			if event.Type == Bookmark && !w.Bookmarks {
				continue
			}
			w.event = event
			return true
		}
		w.disconnect()
		switch {
		case w.isDone(): // stopped
		case w.ctx.Err() != nil:
			w.finish(w.ctx.Err())
		case errors.Is(err, io.EOF) && len(line) == 0: // the server ended the stream
			if w.ends {
				w.finish(nil)
			} else if !w.received {
				w.pause(w.client.retry.backoff(w.failures))
			}
			w.received = false
		default:
			if err := w.streamError(err); !w.resumable(err) {
				w.finish(err)
			}
		}
	}
	return false
}

// streamError is what a failed read of the stream means: a limit that fired, or a NetworkError (one that
// says so when the idle timer closed a silent or trickling connection).
func (w *Watch[T]) streamError(err error) error {
	var large *ResponseTooLargeError
	if errors.As(err, &large) {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stalled {
		err = fmt.Errorf("no whole watch event within %s", w.client.watchIdle())
	}
	return &NetworkError{Method: http.MethodGet, URL: w.op.Path, Err: err}
}

// Event is the event Next stopped at.
func (w *Watch[T]) Event() Event[T] {
	return w.event
}

// Err is why the watch ended: nil when it ended normally.
func (w *Watch[T]) Err() error {
	return w.err
}

// ResourceVersion is where the watch stands: a checkpoint to start a later watch from.
func (w *Watch[T]) ResourceVersion() string {
	return w.version
}

// Stop ends the watch and closes its connection; it may be called from any goroutine.
func (w *Watch[T]) Stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.done = true
	if w.response != nil {
		w.response.Body.Close()
	}
}

func (w *Watch[T]) isDone() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.done
}

func (w *Watch[T]) finish(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done {
		w.err = err
	}
	w.done = true
}

// resumable reports whether to connect again after an error, after waiting as the retry policy says.
func (w *Watch[T]) resumable(err error) bool {
	var refused *APIError
	var large *ResponseTooLargeError
	if errors.As(err, &refused) || errors.As(err, &large) || w.ctx.Err() != nil {
		return false
	}
	delay, retry := w.client.retry.afterError(w.failures, http.MethodGet, err)
	if retry {
		w.pause(delay)
	}
	return retry
}

func (w *Watch[T]) pause(delay time.Duration) {
	w.failures++
	if err := sleep(w.ctx, delay); err != nil {
		w.finish(err)
	}
}

func (w *Watch[T]) connect() error {
	r, err := w.client.prepare(w.op, w.call)
	if err != nil {
		return err
	}
	if !w.started { // the caller's own starting point and end
		w.started, w.version, w.ends = true, r.query.Get("resourceVersion"), r.query.Has("timeoutSeconds")
	}
	r.query.Del("continue")
	r.query.Del("limit")
	r.query.Set("watch", "true")
	r.query.Set("allowWatchBookmarks", "true")
	if w.version != "" {
		r.query.Set("resourceVersion", w.version)
	}
	response, err := w.client.send(w.ctx, r, w.client.streams)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		response.Body.Close()
		return nil
	}
	content, err := w.client.content(response, 1<<62, 1<<62) // a watch lasts: its events are bounded, not its whole
	if err != nil {
		response.Body.Close()
		return err
	}
	w.response, w.lines = response, bufio.NewReader(content)
	w.stalled = false
	w.idle = time.AfterFunc(w.client.watchIdle(), func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.stalled = true
		response.Body.Close()
	})
	return nil
}

func (w *Watch[T]) disconnect() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.idle.Stop()
	w.response.Body.Close()
	w.response, w.lines = nil, nil
}

// readLine reads one line of the stream, up to MaxWatchLineBytes: a line is an event, and a server must
// not make the client hold more than that for one. Pieces are appended once, never copied again.
func (w *Watch[T]) readLine() ([]byte, error) {
	limit := w.client.limit(w.client.config.MaxWatchLineBytes, 16<<20)
	var line []byte
	for {
		piece, err := w.lines.ReadSlice('\n')
		if int64(len(line)+len(piece)) > limit {
			return nil, &ResponseTooLargeError{What: "a watch event", Limit: limit, Method: http.MethodGet, URL: redacted(w.response.Request.URL)}
		}
		line = append(line, piece...)
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}

// decode reads one line of the stream: object events decode into T, BOOKMARK into its version and
// annotations, and ERROR into the *APIError its Status describes.
func (w *Watch[T]) decode(line []byte) (Event[T], error) {
	var envelope struct {
		Type   EventType       `json:"type"`
		Object json.RawMessage `json:"object"`
	}
	if err := json.Unmarshal(line, &envelope); err != nil {
		return Event[T]{}, w.decodeError(line, fmt.Errorf("a watch event that is not JSON: %w", err))
	}
	var meta struct {
		Metadata struct {
			ResourceVersion string            `json:"resourceVersion"`
			Annotations     map[string]string `json:"annotations"`
		} `json:"metadata"`
	}
	switch envelope.Type {
	case Added, Modified, Deleted:
		event := Event[T]{Type: envelope.Type}
		if err := Decode(envelope.Object, &event.Object); err != nil {
			return event, w.decodeError(line, fmt.Errorf("decoding a %s event: %w", envelope.Type, err))
		}
		if json.Unmarshal(envelope.Object, &meta) == nil {
			event.ResourceVersion = meta.Metadata.ResourceVersion
		}
		return event, nil
	case Bookmark:
		if err := json.Unmarshal(envelope.Object, &meta); err != nil {
			return Event[T]{}, w.decodeError(line, fmt.Errorf("decoding a BOOKMARK event: %w", err))
		}
		return Event[T]{Type: Bookmark, ResourceVersion: meta.Metadata.ResourceVersion, Annotations: meta.Metadata.Annotations}, nil
	case "ERROR":
		var status Status
		if err := json.Unmarshal(envelope.Object, &status); err != nil {
			return Event[T]{}, w.decodeError(line, fmt.Errorf("decoding an ERROR event: %w", err))
		}
		return Event[T]{}, &APIError{Status: status, Method: http.MethodGet, URL: redacted(w.response.Request.URL), StatusCode: int(status.Code)}
	}
	return Event[T]{}, w.decodeError(line, fmt.Errorf("unknown watch event type %q", envelope.Type))
}

func (w *Watch[T]) decodeError(line []byte, err error) *DecodeError {
	return &DecodeError{Method: http.MethodGet, URL: redacted(w.response.Request.URL), StatusCode: w.response.StatusCode, Body: line, Err: err}
}

func (c *Client) watchIdle() time.Duration {
	if c.config.WatchIdle > 0 {
		return c.config.WatchIdle
	}
	return 5 * time.Minute
}
