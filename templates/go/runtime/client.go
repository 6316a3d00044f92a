// kgen:header

package client

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Client sends operations to one API server. It is safe for concurrent use.
type Client struct {
	config      Config
	base        *url.URL
	requests    *http.Client // timed
	streams     *http.Client // watches: no overall timeout
	credentials *credentials
	retry       Retry
}

// New makes a client from a configuration; Config.Server is required.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(cfg.Server)
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return nil, fmt.Errorf("Config.Server %q is not an http(s) URL", redactedURL(cfg.Server))
	}
	base.RawQuery, base.Fragment = "", ""
	creds := newCredentials(&cfg)
	streams := cfg.HTTPClient
	if streams == nil {
		transport, err := cfg.transport(creds)
		if err != nil {
			return nil, err
		}
		streams = &http.Client{Transport: transport, CheckRedirect: keepRedirect}
	}
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = 60 * time.Second
	}
	requests := *streams
	if timeout > 0 {
		requests.Timeout = timeout
	}
	retry := DefaultRetry
	if cfg.Retry != nil {
		retry = *cfg.Retry
	}
	return &Client{config: cfg, base: base, requests: &requests, streams: streams, credentials: creds, retry: retry}, nil
}

// Do sends a call and decodes its JSON response into a T.
func Do[T any](ctx context.Context, c *Client, op *Op, call Call) (T, error) {
	var result T
	answer, err := c.exchange(ctx, op, call)
	if err != nil || len(bytes.TrimSpace(answer.body)) == 0 {
		return result, err
	}
	if err := Decode(answer.body, &result); err != nil {
		var zero T
		return zero, answer.decodeError(err)
	}
	return result, nil
}

// DoOrStatus sends a call whose response is a T or a Status S (a delete that completed at once): one of
// the two results is set.
func DoOrStatus[T, S any](ctx context.Context, c *Client, op *Op, call Call) (T, S, error) {
	var result T
	var status S
	answer, err := c.exchange(ctx, op, call)
	body := answer.body
	if err != nil || len(bytes.TrimSpace(body)) == 0 {
		return result, status, err
	}
	var kind struct {
		Kind string `json:"kind"`
	}
	if json.Unmarshal(body, &kind) == nil && kind.Kind == "Status" {
		err = Decode(body, &status)
	} else {
		err = Decode(body, &result)
	}
	if err != nil {
		var zero T
		var none S
		return zero, none, answer.decodeError(err)
	}
	return result, status, nil
}

// Text sends a call whose response is text (logs).
func Text(ctx context.Context, c *Client, op *Op, call Call) (string, error) {
	answer, err := c.exchange(ctx, op, call)
	return string(answer.body), err
}

// Bytes sends a call whose response is binary.
func Bytes(ctx context.Context, c *Client, op *Op, call Call) ([]byte, error) {
	answer, err := c.exchange(ctx, op, call)
	return answer.body, err
}

// Send sends a call whose response has no body.
func Send(ctx context.Context, c *Client, op *Op, call Call) error {
	_, err := c.exchange(ctx, op, call)
	return err
}

// answer is a successful response, read.
type answer struct {
	body   []byte
	method string
	url    string
	status int
}

func (a answer) decodeError(err error) *DecodeError {
	return &DecodeError{Method: a.method, URL: a.url, StatusCode: a.status, Body: a.body, Err: err}
}

// exchange sends a call and reads the body of its successful response.
func (c *Client) exchange(ctx context.Context, op *Op, call Call) (answer, error) {
	r, err := c.prepare(op, call)
	if err != nil {
		return answer{}, err
	}
	response, err := c.send(ctx, r, c.requests)
	if err != nil {
		return answer{}, err
	}
	defer response.Body.Close()
	content, err := c.content(response, c.limit(c.config.MaxResponseBytes, 512<<20), c.limit(c.config.MaxDecompressedBytes, 512<<20))
	if err != nil {
		return answer{}, err
	}
	body, err := io.ReadAll(content)
	where := redacted(response.Request.URL)
	var large *ResponseTooLargeError
	if errors.As(err, &large) {
		return answer{}, large
	}
	if err != nil {
		return answer{}, &NetworkError{Method: r.method, URL: where, Err: err}
	}
	return answer{body: body, method: r.method, url: where, status: response.StatusCode}, nil
}

// limit is a configured limit, or its default when unset; at most 1<<62, which no body reaches.
func (c *Client) limit(set, otherwise int64) int64 {
	switch {
	case set > 1<<62:
		return 1 << 62
	case set > 0:
		return set
	}
	return otherwise
}

// content is a response's body as content: inflated when it is gzip, and bounded as received and as
// inflated. Content-Length is only compared with the limit, never used to allocate.
func (c *Client) content(response *http.Response, maxBytes, maxInflated int64) (io.Reader, error) {
	method, where := response.Request.Method, redacted(response.Request.URL)
	if response.ContentLength > maxBytes {
		return nil, &ResponseTooLargeError{What: "Content-Length", Limit: maxBytes, Method: method, URL: where}
	}
	body := &bounded{r: response.Body, left: maxBytes, err: &ResponseTooLargeError{What: "the response", Limit: maxBytes, Method: method, URL: where}}
	if !strings.EqualFold(strings.TrimSpace(response.Header.Get("Content-Encoding")), "gzip") {
		return body, nil
	}
	inflated, err := gzip.NewReader(body)
	if err != nil {
		return nil, &DecodeError{Method: method, URL: where, StatusCode: response.StatusCode, Err: fmt.Errorf("a gzip body that is corrupt: %w", err)}
	}
	return &bounded{r: inflated, left: maxInflated, err: &ResponseTooLargeError{What: "the decompressed response", Limit: maxInflated, Method: method, URL: where}}, nil
}

// bounded reads at most left bytes of r; one byte more is err.
type bounded struct {
	r    io.Reader
	left int64
	err  error
}

func (b *bounded) Read(p []byte) (int, error) {
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, b.err
	}
	return n, err
}

// send sends a request, again after 429 and 503 answers and (for idempotent methods) connection errors,
// and once more with fresh credentials after a 401; a response that is not a success becomes an *APIError.
func (c *Client) send(ctx context.Context, r *request, through *http.Client) (*http.Response, error) {
	refreshed := false
	for attempt := 0; ; attempt++ {
		response, err := c.once(ctx, r, through)
		if err != nil {
			delay, retry := c.retry.afterError(attempt, r.method, err)
			if !retry || ctx.Err() != nil {
				return nil, err
			}
			if err := sleep(ctx, delay); err != nil {
				return nil, err
			}
			continue
		}
		warnings := warningsOf(response.Header)
		for _, text := range warnings {
			if c.config.OnWarning != nil {
				c.config.OnWarning(text)
			}
		}
		if response.StatusCode >= 200 && response.StatusCode < 300 {
			return response, nil
		}
		var body []byte
		if content, err := c.content(response, 1<<20, 1<<20); err == nil {
			body, _ = io.ReadAll(content)
		}
		response.Body.Close()
		if response.StatusCode == http.StatusUnauthorized && !refreshed && c.credentials.forget() {
			refreshed = true
			continue
		}
		if delay, retry := c.retry.afterResponse(attempt, response); retry {
			if err := sleep(ctx, delay); err != nil {
				return nil, err
			}
			continue
		}
		return nil, errorFromResponse(response, body, warnings)
	}
}

func (c *Client) once(ctx context.Context, r *request, through *http.Client) (*http.Response, error) {
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, r.target(), body)
	if err != nil {
		return nil, err
	}
	for name, values := range r.header {
		req.Header[name] = values
	}
	authorization, err := c.credentials.header()
	if err != nil {
		return nil, err
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	if c.config.UserAgent != "" {
		req.Header.Set("User-Agent", c.config.UserAgent)
	}
	// Asked for by name, gzip is left to content, which bounds it as it inflates.
	req.Header.Set("Accept-Encoding", "gzip")
	response, err := through.Do(req)
	if err != nil {
		return nil, &NetworkError{Method: r.method, URL: redacted(req.URL), Err: err}
	}
	return response, nil
}

// Retry says when a request is sent again, and after how long. 429, and 503 with a Retry-After, mean the
// server did not act, so any method is retried, after the Retry-After the server asked for (at most
// MaxWait) or else a backoff that doubles. A 503 without Retry-After (a proxy may send it after the server
// acted) and connection errors are retried for idempotent methods only: a POST may have been carried out.
type Retry struct {
	Attempts int           // retries after the first try
	MaxWait  time.Duration // the longest wait between tries
	Backoff  time.Duration // the first wait, doubled with each retry
}

// DefaultRetry retries five times, starting after half a second and waiting at most 30 seconds.
var DefaultRetry = Retry{Attempts: 5, MaxWait: 30 * time.Second, Backoff: 500 * time.Millisecond}

func (r Retry) backoff(attempt int) time.Duration {
	delay := r.Backoff
	for i := 0; i < attempt && delay < r.MaxWait; i++ {
		delay *= 2
	}
	if delay > r.MaxWait {
		return r.MaxWait
	}
	return delay
}

func (r Retry) afterResponse(attempt int, response *http.Response) (time.Duration, bool) {
	if attempt >= r.Attempts || (response.StatusCode != http.StatusTooManyRequests && response.StatusCode != http.StatusServiceUnavailable) {
		return 0, false
	}
	if after, ok := retryAfter(response.Header.Get("Retry-After")); ok {
		if after > r.MaxWait {
			after = r.MaxWait
		}
		return after, true
	}
	if response.StatusCode == http.StatusServiceUnavailable && !idempotent[response.Request.Method] {
		return 0, false
	}
	return r.backoff(attempt), true
}

var idempotent = map[string]bool{"GET": true, "HEAD": true, "OPTIONS": true, "PUT": true, "DELETE": true}

func (r Retry) afterError(attempt int, method string, err error) (time.Duration, bool) {
	var config *ConfigError
	if attempt >= r.Attempts || !idempotent[method] || tlsFailure(err) || errors.As(err, &config) { // credentials do not heal on retry
		return 0, false
	}
	return r.backoff(attempt), true
}

// tlsFailure reports whether a certificate was refused, by us or by the server: that does not change on retry.
func tlsFailure(err error) bool {
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var hostname x509.HostnameError
	var record tls.RecordHeaderError
	return errors.As(err, &unknown) || errors.As(err, &invalid) || errors.As(err, &hostname) || errors.As(err, &record)
}

// keepRedirect makes a redirect the answer (an APIError), as the other runtimes do: followed, it would send the
// request's body, and its Authorization header whenever the host name is the same, to wherever the server says.
func keepRedirect(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}

// longestWait is the longest time.Duration in seconds: more overflows to a negative wait.
const longestWait = float64(math.MaxInt64 / int64(time.Second))

// retryAfter reads Retry-After: seconds, or an HTTP date.
func retryAfter(value string) (time.Duration, bool) {
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.ParseFloat(value, 64); err == nil {
		if math.IsNaN(seconds) {
			return 0, false
		}
		return time.Duration(math.Min(math.Max(seconds, 0), longestWait) * float64(time.Second)), true
	}
	if when, err := http.ParseTime(value); err == nil {
		if wait := time.Until(when); wait > 0 {
			return wait, true
		}
		return 0, true
	}
	return 0, false
}

func sleep(ctx context.Context, delay time.Duration) error {
	timer := time.NewTimer(delay)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// warning matches one warning of a Warning header: code, agent, and the quoted text.
var warning = regexp.MustCompile(`\d{3} \S+ "((?:[^"\\]|\\.)*)"`)

// warningsOf reads the texts of Warning headers (`299 - "text"`).
func warningsOf(header http.Header) []string {
	var texts []string
	for _, value := range header.Values("Warning") {
		for _, match := range warning.FindAllStringSubmatch(value, -1) {
			var text strings.Builder
			for i := 0; i < len(match[1]); i++ {
				if match[1][i] == '\\' && i+1 < len(match[1]) {
					i++
				}
				text.WriteByte(match[1][i])
			}
			texts = append(texts, text.String())
		}
	}
	return texts
}

// redacted is a URL as errors show it: without credentials.
func redacted(u *url.URL) string {
	shown := *u
	shown.User = nil
	return shown.String()
}
