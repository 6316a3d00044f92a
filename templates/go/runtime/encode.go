// kgen:header

package client

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Marshal encodes v as JSON the way the API sends it: a struct field that is nil is left out, and
// everything else is written, so an empty list or map survives a round trip (encoding/json's omitempty
// drops it). Map keys are sorted, and <, > and & are written as they are. The MarshalJSON method of
// every generated struct calls it.
func Marshal(v any) ([]byte, error) {
	var e encoder
	if err := e.value(reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// Unknown holds the members of a JSON object that its struct has no field for: a newer server's
// fields. Decoding fills it and encoding writes it back (after the known fields, in key order), so a
// read, modified and replaced object keeps what this client does not know.
type Unknown map[string]json.RawMessage

// Decode decodes JSON into v. Numbers in values typed any become json.Number, so they are kept exactly
// (encoding/json's Unmarshal would make them float64).
func Decode(data []byte, v any) error {
	target := reflect.ValueOf(v)
	if target.Kind() == reflect.Pointer && !target.IsNil() && !reachesAny(target.Type().Elem()) {
		// Without a value typed any, UseNumber changes nothing: Unmarshal reads data where it is, where a
		// Decoder would copy it into a buffer it grows (twice the size of a large list, allocated).
		if err := json.Unmarshal(data, v); err != nil {
			return err
		}
	} else {
		decoder := json.NewDecoder(bytes.NewReader(data))
		decoder.UseNumber()
		if err := decoder.Decode(v); err != nil {
			return err
		}
		if rest := bytes.TrimSpace(data[decoder.InputOffset():]); len(rest) > 0 {
			return fmt.Errorf("unexpected data after the JSON value: %.40q", rest)
		}
	}
	if target.Kind() == reflect.Pointer && !target.IsNil() {
		(&scanner{data: data}).value(target.Elem())
	}
	return nil
}

var (
	unmarshalerType = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()
	reaching        sync.Map // reflect.Type -> bool: whether encoding/json decodes into a value typed any within it
)

// reachesAny reports whether encoding/json, decoding into a t, may decode into a value of interface type
// (where UseNumber matters); a type with its own UnmarshalJSON decodes as it chooses, so it does not count.
func reachesAny(t reflect.Type) bool {
	if found, ok := reaching.Load(t); ok {
		return found.(bool)
	}
	found := reaches(t, map[reflect.Type]bool{})
	reaching.Store(t, found)
	return found
}

func reaches(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] || reflect.PointerTo(t).Implements(unmarshalerType) {
		return false // a cycle is judged where it started
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		return reaches(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			// encoding/json also fills the fields of an embedded struct that is not exported
			if f := t.Field(i); (f.IsExported() || f.Anonymous) && f.Tag.Get("json") != "-" && reaches(f.Type, seen) {
				return true
			}
		}
	}
	return false
}

// scanner walks JSON that decoded without error beside the value it decoded into, and keeps in each
// generated struct's Unknown field the members none of its fields takes. It only finds where values
// start and end (encoding/json has typed them already), so it costs a fraction of the decode.
type scanner struct {
	data []byte
	pos  int
}

func (s *scanner) space() {
	for s.pos < len(s.data) && (s.data[s.pos] == ' ' || s.data[s.pos] == '\t' || s.data[s.pos] == '\n' || s.data[s.pos] == '\r') {
		s.pos++
	}
}

// value reads the value at pos; v is where it was decoded to, invalid where nothing needs a look.
func (s *scanner) value(v reflect.Value) {
	for v.IsValid() && v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	s.space()
	switch {
	case s.data[s.pos] == '{' && v.IsValid() && (v.Kind() == reflect.Struct || v.Kind() == reflect.Map):
		s.object(v)
	case s.data[s.pos] == '[' && v.IsValid() && v.Kind() == reflect.Slice:
		s.array(v)
	default:
		s.skip()
	}
}

// skip passes over a value nothing needs a look into.
func (s *scanner) skip() {
	depth := 0
	for {
		switch c := s.data[s.pos]; {
		case c == '"':
			s.text()
		case c == '{' || c == '[':
			depth++
			s.pos++
		case c == '}' || c == ']':
			depth--
			s.pos++
		case depth == 0 && ends(c):
			return
		default:
			s.pos++
		}
		if depth == 0 && (s.pos >= len(s.data) || ends(s.data[s.pos])) {
			return
		}
	}
}

// ends reports whether a byte ends a number, true, false or null.
func ends(c byte) bool {
	switch c {
	case ',', ']', '}', ' ', '\t', '\n', '\r':
		return true
	}
	return false
}

func (s *scanner) text() {
	for s.pos++; s.data[s.pos] != '"'; s.pos++ {
		if s.data[s.pos] == '\\' {
			s.pos++
		}
	}
	s.pos++
}

func (s *scanner) array(v reflect.Value) {
	s.pos++
	for i := 0; ; i++ {
		s.space()
		if s.data[s.pos] == ']' {
			s.pos++
			return
		}
		if i < v.Len() {
			s.value(v.Index(i))
		} else {
			s.skip()
		}
		s.space()
		if s.data[s.pos] == ',' {
			s.pos++
		}
	}
}

func (s *scanner) object(v reflect.Value) {
	var info *structInfo
	if v.Kind() == reflect.Struct {
		if !v.CanSet() || !generated(v.Type()) {
			s.skip()
			return
		}
		info = infoOf(v.Type())
	}
	var unknown Unknown
	s.pos++
	for {
		s.space()
		if s.data[s.pos] == '}' {
			s.pos++
			break
		}
		start := s.pos
		s.text()
		quoted := s.data[start:s.pos]
		s.space()
		s.pos++ // the colon
		s.space()
		begin := s.pos
		switch {
		case info == nil && v.Type().Key().Kind() == reflect.String:
			s.entry(v, unquote(quoted))
		case info == nil:
			s.skip()
		default:
			if index, known := info.index[string(quoted[1:len(quoted)-1])]; known && bytes.IndexByte(quoted, '\\') < 0 {
				s.value(v.Field(index))
				break
			}
			s.skip()
			name := unquote(quoted)
			if _, known := info.index[name]; !known && info.unknown >= 0 { // not an escaped spelling of a known name
				if unknown == nil {
					unknown = Unknown{}
				}
				unknown[name] = append(json.RawMessage(nil), s.data[begin:s.pos]...)
			}
		}
		s.space()
		if s.data[s.pos] == ',' {
			s.pos++
		}
	}
	if info != nil && info.unknown >= 0 {
		v.Field(info.unknown).Set(reflect.ValueOf(unknown))
	}
}

// unquote reads a JSON string that decoded once already.
func unquote(quoted []byte) string {
	if bytes.IndexByte(quoted, '\\') < 0 {
		return string(quoted[1 : len(quoted)-1])
	}
	var name string
	_ = json.Unmarshal(quoted, &name)
	return name
}

// entry reads a map's value; a struct held by value is walked in a copy that is put back.
func (s *scanner) entry(m reflect.Value, name string) {
	key := reflect.ValueOf(name).Convert(m.Type().Key())
	found := m.MapIndex(key)
	if !found.IsValid() || found.Kind() != reflect.Struct {
		s.value(found)
		return
	}
	held := reflect.New(found.Type()).Elem()
	held.Set(found)
	s.value(held)
	m.SetMapIndex(key, held)
}

var (
	rawMessageType = reflect.TypeOf(json.RawMessage(nil))
	numberType     = reflect.TypeOf(json.Number(""))
	runtimePackage = reflect.TypeOf(Quantity{}).PkgPath()
	// The generated module: structs of its packages are walked field by field, never through MarshalJSON.
	modulePath = strings.TrimSuffix(runtimePackage, "/client")
	structs    sync.Map // reflect.Type -> *structInfo
)

type structField struct {
	index     int
	key       []byte // the quoted name and a colon
	omitEmpty bool
}

// structInfo is what encoding needs of a struct type: its fields, their JSON names, and where its
// Unknown members are (-1 for none).
type structInfo struct {
	fields  []structField
	index   map[string]int // JSON name -> field index
	unknown int
}

var unknownType = reflect.TypeOf(Unknown(nil))

type encoder struct {
	buf []byte
}

func (e *encoder) value(v reflect.Value) error {
	if !v.IsValid() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	switch v.Type() {
	case rawMessageType:
		return e.raw(v.Bytes())
	case numberType:
		return e.number(v.String())
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.value(v.Elem())
	case reflect.Struct:
		if generated(v.Type()) {
			return e.structure(v)
		}
		return e.foreign(v)
	case reflect.Map:
		return e.mapping(v)
	case reflect.Slice:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			e.buf = append(e.buf, '"')
			e.buf = append(e.buf, base64.StdEncoding.EncodeToString(v.Bytes())...)
			e.buf = append(e.buf, '"')
			return nil
		}
		return e.list(v)
	case reflect.Array:
		return e.list(v)
	case reflect.String:
		e.buf = appendString(e.buf, v.String())
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return e.float(v.Float(), v.Type().Bits())
	default:
		return fmt.Errorf("cannot encode a %s as JSON", v.Type())
	}
	return nil
}

// generated reports whether a struct type is one of the generated module's models (not the runtime's own).
func generated(t reflect.Type) bool {
	pkg := t.PkgPath()
	return pkg != runtimePackage && (pkg == modulePath || strings.HasPrefix(pkg, modulePath+"/"))
}

func (e *encoder) structure(v reflect.Value) error {
	e.buf = append(e.buf, '{')
	first := true
	info := infoOf(v.Type())
	for _, f := range info.fields {
		field := v.Field(f.index)
		if f.omitEmpty && omitted(field) {
			continue
		}
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = append(e.buf, f.key...)
		if err := e.value(field); err != nil {
			return err
		}
	}
	if info.unknown >= 0 {
		unknown := v.Field(info.unknown).Interface().(Unknown)
		names := make([]string, 0, len(unknown))
		for name := range unknown {
			if _, known := info.index[name]; !known {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		for _, name := range names {
			if !first {
				e.buf = append(e.buf, ',')
			}
			first = false
			e.buf = append(appendString(e.buf, name), ':')
			if err := e.raw(unknown[name]); err != nil {
				return err
			}
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

// omitted reports whether an omitempty field is left out: when it is nil, or a zero scalar.
func omitted(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return v.IsNil()
	case reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	}
	return false
}

// infoOf reads a struct's json tags once: the name before the first comma, and omitempty.
func infoOf(t reflect.Type) *structInfo {
	if cached, ok := structs.Load(t); ok {
		return cached.(*structInfo)
	}
	info := &structInfo{index: map[string]int{}, unknown: -1}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == unknownType {
			info.unknown = i
		}
		tag := f.Tag.Get("json")
		if f.PkgPath != "" || tag == "-" {
			continue
		}
		name, options, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		key := append(appendString(nil, name), ':')
		info.fields = append(info.fields, structField{index: i, key: key, omitEmpty: hasOption(options, "omitempty")})
		info.index[name] = i
	}
	structs.Store(t, info)
	return info
}

func hasOption(options, option string) bool {
	for options != "" {
		var next string
		next, options, _ = strings.Cut(options, ",")
		if next == option {
			return true
		}
	}
	return false
}

func (e *encoder) mapping(v reflect.Value) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	if v.Type().Key().Kind() != reflect.String {
		return fmt.Errorf("cannot encode a %s as JSON: keys must be strings", v.Type())
	}
	keys := v.MapKeys()
	sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
	e.buf = append(e.buf, '{')
	for i, key := range keys {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = appendString(e.buf, key.String())
		e.buf = append(e.buf, ':')
		if err := e.value(v.MapIndex(key)); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

func (e *encoder) list(v reflect.Value) error {
	e.buf = append(e.buf, '[')
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		if err := e.value(v.Index(i)); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, ']')
	return nil
}

func (e *encoder) raw(data []byte) error {
	if len(data) == 0 {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	var out bytes.Buffer
	if err := json.Compact(&out, data); err != nil {
		return fmt.Errorf("raw JSON that is not valid: %w", err)
	}
	e.buf = append(e.buf, out.Bytes()...)
	return nil
}

func (e *encoder) number(text string) error {
	if text == "" {
		text = "0"
	}
	if !json.Valid([]byte(text)) || text[0] == '"' {
		return fmt.Errorf("%q is not a JSON number", text)
	}
	e.buf = append(e.buf, text...)
	return nil
}

// float writes a number as encoding/json does: the shortest form that reads back the same.
func (e *encoder) float(f float64, bits int) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("%v cannot be written in JSON", f)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	e.buf = strconv.AppendFloat(e.buf, f, format, -1, bits)
	if format == 'e' {
		// 1e-7, not 1e-07: encoding/json drops the exponent's leading zero.
		n := len(e.buf)
		if n >= 4 && e.buf[n-4] == 'e' && e.buf[n-3] == '-' && e.buf[n-2] == '0' {
			e.buf[n-2] = e.buf[n-1]
			e.buf = e.buf[:n-1]
		}
	}
	return nil
}

// foreign encodes a value of a type the runtime does not know (a time.Time in an any) with encoding/json.
func (e *encoder) foreign(v reflect.Value) error {
	var out bytes.Buffer
	encoder := json.NewEncoder(&out)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(v.Interface()); err != nil {
		return err
	}
	e.buf = append(e.buf, bytes.TrimRight(out.Bytes(), "\n")...)
	return nil
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string: quotes, backslashes and control characters escaped, invalid
// UTF-8 as U+FFFD, and U+2028 and U+2029 escaped (JavaScript reads them as line ends).
func appendString(buf []byte, s string) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch c {
			case '"', '\\':
				buf = append(buf, '\\', c)
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
		} else if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		} else {
			i += size
			continue
		}
		i += size
		start = i
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}
