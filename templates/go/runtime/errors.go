// kgen:header

package client

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// Status is the server's account of a failed (or completed) operation: the runtime's own copy of
// meta/v1 Status, since errors can come from any operation of any document.
type Status struct {
	APIVersion string         `json:"apiVersion,omitempty"`
	Kind       string         `json:"kind,omitempty"`
	Metadata   map[string]any `json:"metadata,omitempty"`
	Status     string         `json:"status,omitempty"`
	Message    string         `json:"message,omitempty"`
	Reason     string         `json:"reason,omitempty"`
	Details    *StatusDetails `json:"details,omitempty"`
	Code       int32          `json:"code,omitempty"`
}

// StatusDetails says what a Status is about: the object, and the causes of a failure.
type StatusDetails struct {
	Name              string        `json:"name,omitempty"`
	Group             string        `json:"group,omitempty"`
	Kind              string        `json:"kind,omitempty"`
	UID               string        `json:"uid,omitempty"`
	Causes            []StatusCause `json:"causes,omitempty"`
	RetryAfterSeconds int32         `json:"retryAfterSeconds,omitempty"`
}

// StatusCause is one reason an operation failed; Field points at the offending field of the object.
type StatusCause struct {
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`
	Field   string `json:"field,omitempty"`
}

// ErrorKind names a class of failure; test an error against one with errors.Is(err, client.NotFound).
type ErrorKind string

func (k ErrorKind) Error() string {
	return string(k)
}

// What a failed operation's Status says happened (its reason, else its HTTP status code).
const (
	BadRequest            ErrorKind = "BadRequest"            // 400: the request itself is malformed
	Unauthorized          ErrorKind = "Unauthorized"          // 401: credentials missing, expired or refused
	Forbidden             ErrorKind = "Forbidden"             // 403: authenticated, but not allowed
	NotFound              ErrorKind = "NotFound"              // 404: no such object, resource or path
	MethodNotAllowed      ErrorKind = "MethodNotAllowed"      // 405: the resource lacks this verb
	NotAcceptable         ErrorKind = "NotAcceptable"         // 406: no acceptable content type
	Conflict              ErrorKind = "Conflict"              // 409: a write raced another one (stale resourceVersion)
	AlreadyExists         ErrorKind = "AlreadyExists"         // 409: an object of that name exists (also a Conflict)
	Gone                  ErrorKind = "Gone"                  // 410: the resourceVersion expired; list again, then watch
	RequestEntityTooLarge ErrorKind = "RequestEntityTooLarge" // 413: the body is too large
	UnsupportedMediaType  ErrorKind = "UnsupportedMediaType"  // 415: a content type (patch type) the resource lacks
	Invalid               ErrorKind = "Invalid"               // 422: the object failed validation; see Details.Causes
	TooManyRequests       ErrorKind = "TooManyRequests"       // 429: throttled, and the retries were used up
	InternalError         ErrorKind = "InternalError"         // 500: the server failed
	ServerTimeout         ErrorKind = "ServerTimeout"         // 500: the server could not finish in time
	ServiceUnavailable    ErrorKind = "ServiceUnavailable"    // 503: cannot serve now, and the retries were used up
	Timeout               ErrorKind = "Timeout"               // 504: timed out before the server completed it
)

var kindsByReason = map[string]ErrorKind{
	"AlreadyExists": AlreadyExists, "BadRequest": BadRequest, "Conflict": Conflict, "Expired": Gone, "Forbidden": Forbidden,
	"Gone": Gone, "InternalError": InternalError, "Invalid": Invalid, "MethodNotAllowed": MethodNotAllowed,
	"NotAcceptable": NotAcceptable, "NotFound": NotFound, "RequestEntityTooLarge": RequestEntityTooLarge,
	"ServerTimeout": ServerTimeout, "ServiceUnavailable": ServiceUnavailable, "Timeout": Timeout,
	"TooManyRequests": TooManyRequests, "Unauthorized": Unauthorized, "UnsupportedMediaType": UnsupportedMediaType,
}

var kindsByCode = map[int32]ErrorKind{
	400: BadRequest, 401: Unauthorized, 403: Forbidden, 404: NotFound, 405: MethodNotAllowed, 406: NotAcceptable,
	409: Conflict, 410: Gone, 413: RequestEntityTooLarge, 415: UnsupportedMediaType, 422: Invalid, 429: TooManyRequests,
	500: InternalError, 503: ServiceUnavailable, 504: Timeout,
}

// APIError is a failure the server reported. Its Status says why; the request's credentials are never kept.
type APIError struct {
	Status     Status
	Method     string
	URL        string
	StatusCode int
	Warnings   []string
}

func (e *APIError) Error() string {
	reason := e.Status.Reason
	if reason == "" {
		reason = "Error"
	}
	return fmt.Sprintf("%d %s: %s (%s %s)", e.Status.Code, reason, e.Status.Message, e.Method, e.URL)
}

// Kind is the class of the failure: by the Status' reason, else by its code; "" when neither is known.
func (e *APIError) Kind() ErrorKind {
	if kind, ok := kindsByReason[e.Status.Reason]; ok {
		return kind
	}
	return kindsByCode[e.Status.Code]
}

// Is makes errors.Is(err, client.NotFound) work; an AlreadyExists error is a Conflict too.
func (e *APIError) Is(target error) bool {
	kind, ok := target.(ErrorKind)
	if !ok {
		return false
	}
	own := e.Kind()
	return own == kind || (kind == Conflict && own == AlreadyExists)
}

// errorFromResponse makes the error of a failed response; a body that is not a Status becomes its message.
func errorFromResponse(response *http.Response, body []byte, warnings []string) *APIError {
	var status Status
	if json.Unmarshal(body, &status) != nil || status.Kind != "Status" {
		message := strings.TrimSpace(string(body))
		if len(message) > 1000 {
			message = message[:1000]
		}
		status = Status{Kind: "Status", Status: "Failure", Message: message}
	}
	if status.Code == 0 {
		status.Code = int32(response.StatusCode)
	}
	return &APIError{Status: status, Method: response.Request.Method, URL: redacted(response.Request.URL), StatusCode: response.StatusCode, Warnings: warnings}
}

// PathArgumentError is a path parameter that would address something else than one object: empty, "." or
// "..", or holding "/" or "%2F" (a delete of one pod would become a delete of its namespace or of every pod).
// Nothing was sent.
type PathArgumentError struct {
	Name  string // the parameter
	Value string
}

func (e *PathArgumentError) Error() string {
	return fmt.Sprintf("path argument %s=%q is not the name of one object: it must not be empty, \".\" or \"..\", nor contain \"/\" or \"%%2F\"", e.Name, e.Value)
}

// NetworkError is a request that got no complete answer: the connection was refused or reset, TLS failed,
// or Config.Timeout passed. Err is the cause (errors.Is and errors.As see through it). A write may or may
// not have been carried out.
type NetworkError struct {
	Method string
	URL    string
	Err    error
}

func (e *NetworkError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Method, e.URL, e.Err)
}

func (e *NetworkError) Unwrap() error {
	return e.Err
}

// DecodeError is a successful response that does not fit the type it decodes into. Body is the response
// as received (a watch event's line, for a watch); Err the decoder's error. The server did act: a write
// answered so was carried out.
type DecodeError struct {
	Method     string
	URL        string
	StatusCode int
	Body       []byte
	Err        error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("decoding the response of %s %s (%d): %v", e.Method, e.URL, e.StatusCode, e.Err)
}

func (e *DecodeError) Unwrap() error {
	return e.Err
}

// ResponseTooLargeError is a response past one of the client's limits (Config.MaxResponseBytes,
// MaxDecompressedBytes, MaxWatchLineBytes); reading stopped there.
type ResponseTooLargeError struct {
	What   string // "the response", "the decompressed response", "Content-Length" or "a watch event"
	Limit  int64
	Method string
	URL    string
}

func (e *ResponseTooLargeError) Error() string {
	return fmt.Sprintf("%s exceeds the client's limit of %d bytes (%s %s)", e.What, e.Limit, e.Method, e.URL)
}
