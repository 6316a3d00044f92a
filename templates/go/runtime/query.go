// kgen:header

package client

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Op describes one operation: how it is sent, and what its successful responses hold. Generated
// packages declare one per operation.
type Op struct {
	Method string
	Path   string // the path template: its {name} placeholders are filled from Call.Path
	Accept string
	Patch  bool // the body is a patch, sent with the content type of Call.Patch

	once   sync.Once
	pieces []string // the path split at its placeholders: even positions are text, odd ones parameter names
}

// PatchType is the content type of a patch: how the server applies it.
type PatchType string

// The patch types Kubernetes accepts.
const (
	JSONPatch           PatchType = "application/json-patch+json"            // RFC 6902 operations
	MergePatch          PatchType = "application/merge-patch+json"           // RFC 7386
	StrategicMergePatch PatchType = "application/strategic-merge-patch+json" // merges lists by key (built-in kinds)
	ApplyPatch          PatchType = "application/apply-patch+yaml"           // server-side apply: needs a field manager
)

// Location says where a required parameter goes.
type Location int

// Where parameters go besides the path.
const (
	Query Location = iota
	Header
	Form
)

// PathParams are the values of a path's placeholders, by name.
type PathParams map[string]any

// Arg is a required query, header or form parameter. Format says how a list is sent: csv (the
// default), ssv, tsv, pipes, or multi (the parameter repeated).
type Arg struct {
	In     Location
	Name   string
	Value  any
	Format string
}

// Call holds the arguments of one call of an operation.
type Call struct {
	Path    PathParams
	Args    []Arg
	Options any // a pointer to the operation's options struct, whose tags say where each field goes; nil: none
	Body    any // []byte and json.RawMessage are sent as they are, anything else as JSON
	Patch   PatchType
}

// request is a call ready to send (again, when it is retried).
type request struct {
	method string
	url    url.URL
	query  url.Values
	header http.Header
	body   []byte
}

func (c *Client) prepare(op *Op, call Call) (*request, error) {
	r := &request{method: op.Method, url: *c.base, query: url.Values{}, header: http.Header{}}
	if err := op.fill(&r.url, call.Path); err != nil {
		return nil, err
	}
	form := url.Values{}
	for _, arg := range call.Args {
		values := texts(reflect.ValueOf(arg.Value), arg.Format)
		switch arg.In {
		case Header:
			r.header[http.CanonicalHeaderKey(arg.Name)] = values
		case Form:
			form[arg.Name] = append(form[arg.Name], values...)
		default:
			r.query[arg.Name] = append(r.query[arg.Name], values...)
		}
	}
	addOptions(call.Options, r.query, r.header, form)
	r.header.Set("Accept", op.Accept)
	if op.Patch {
		patch := call.Patch
		if patch == "" {
			patch = MergePatch
		}
		r.header.Set("Content-Type", string(patch))
		if patch == ApplyPatch && r.query.Get("fieldManager") == "" {
			if c.config.FieldManager == "" {
				return nil, fmt.Errorf("server-side apply needs a field manager: set fieldManager in the options or Config.FieldManager")
			}
			r.query.Set("fieldManager", c.config.FieldManager)
		}
	}
	body, err := encodeBody(call.Body)
	if err != nil {
		return nil, err
	}
	switch {
	case body != nil:
		r.body = body
		if r.header.Get("Content-Type") == "" {
			r.header.Set("Content-Type", "application/json")
		}
	case len(form) > 0:
		r.body = []byte(form.Encode())
		r.header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return r, nil
}

func (r *request) target() string {
	u := r.url
	u.RawQuery = r.query.Encode()
	return u.String()
}

func encodeBody(body any) ([]byte, error) {
	if body == nil {
		return nil, nil
	}
	switch b := body.(type) {
	case []byte:
		return b, nil
	}
	v := reflect.ValueOf(body)
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, nil
	}
	if v.Type() == rawMessageType {
		return v.Bytes(), nil
	}
	return Marshal(body)
}

// fill appends the operation's path, its placeholders filled and escaped, to the URL's path.
func (op *Op) fill(u *url.URL, params PathParams) error {
	op.once.Do(func() { op.pieces = splitTemplate(op.Path) })
	var plain, escaped strings.Builder
	plain.WriteString(strings.TrimRight(u.Path, "/"))
	escaped.WriteString(strings.TrimRight(u.EscapedPath(), "/"))
	for i, piece := range op.pieces {
		if i%2 == 0 {
			plain.WriteString(piece)
			escaped.WriteString(escapeTemplateText(piece))
			continue
		}
		value, found := params[piece]
		if !found {
			return fmt.Errorf("no value for the path parameter %q", piece)
		}
		text := strings.Join(texts(reflect.ValueOf(value), ""), ",")
		if text == "" || text == "." || text == ".." || strings.Contains(text, "/") || strings.Contains(strings.ToLower(text), "%2f") {
			return &PathArgumentError{Name: piece, Value: text}
		}
		plain.WriteString(text)
		escaped.WriteString(url.PathEscape(text))
	}
	u.Path, u.RawPath = plain.String(), escaped.String()
	return nil
}

// splitTemplate splits a path at its {name} placeholders: text, name, text, ..., text.
func splitTemplate(path string) []string {
	var pieces []string
	text, rest := "", path
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			break
		}
		end := strings.IndexAny(rest[open+1:], "{}")
		if end < 0 {
			break
		}
		end += open + 1
		if rest[end] == '{' { // "{" before any "}": the first brace is text
			text += rest[:end]
			rest = rest[end:]
			continue
		}
		pieces = append(pieces, text+rest[:open], rest[open+1:end])
		text, rest = "", rest[end+1:]
	}
	return append(pieces, text+rest)
}

// escapeTemplateText escapes the text between placeholders segment by segment, keeping its slashes.
func escapeTemplateText(text string) string {
	segments := strings.Split(text, "/")
	for i, segment := range segments {
		segments[i] = url.PathEscape(segment)
	}
	return strings.Join(segments, "/")
}

// addOptions adds the fields of an options struct that are not nil where their tags say.
func addOptions(options any, query url.Values, header http.Header, form url.Values) {
	v := reflect.ValueOf(options)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		field, value := t.Field(i), v.Field(i)
		switch value.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
			if value.IsNil() {
				continue
			}
		}
		format := field.Tag.Get("format")
		if name, ok := field.Tag.Lookup("query"); ok {
			query[name] = append(query[name], texts(value, format)...)
		} else if name, ok := field.Tag.Lookup("header"); ok {
			header[http.CanonicalHeaderKey(name)] = texts(value, format)
		} else if name, ok := field.Tag.Lookup("form"); ok {
			form[name] = append(form[name], texts(value, format)...)
		}
	}
}

var separators = map[string]string{"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}

// texts writes a parameter's value as the strings sent: one, or one per item of a list sent "multi".
func texts(v reflect.Value, format string) []string {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Slice || v.Type().Elem().Kind() == reflect.Uint8 {
		return []string{text(v)}
	}
	items := make([]string, v.Len())
	for i := range items {
		items[i] = text(v.Index(i))
	}
	if format == "multi" {
		return items
	}
	separator, ok := separators[format]
	if !ok {
		separator = ","
	}
	return []string{strings.Join(items, separator)}
}

func text(v reflect.Value) string {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, v.Type().Bits())
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return string(v.Bytes())
		}
	}
	return fmt.Sprint(v.Interface())
}
