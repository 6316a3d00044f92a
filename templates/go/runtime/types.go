// kgen:header

package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Ptr returns a pointer to a copy of v: optional fields and options are pointers, client.Ptr("value") fills one.
func Ptr[T any](v T) *T {
	return &v
}

// Quantity is a Kubernetes quantity ("500m", "1Gi", or a JSON number such as 0.5), kept as the exact JSON
// token it arrived as, so that it is sent back exactly as it came. The zero Quantity is "0".
type Quantity struct {
	token []byte
}

// StringQuantity is the quantity written as the string s, such as "500m".
func StringQuantity(s string) Quantity {
	return Quantity{token: appendString(nil, s)}
}

// NumberQuantity is the quantity written as the JSON number n, such as 0.5.
func NumberQuantity(n json.Number) (Quantity, error) {
	if !json.Valid([]byte(n)) || n == "" || n[0] == '"' {
		return Quantity{}, fmt.Errorf("%q is not a JSON number", string(n))
	}
	return Quantity{token: []byte(n)}, nil
}

// IsNumber reports whether the quantity is written as a JSON number rather than a string.
func (q Quantity) IsNumber() bool {
	return len(q.token) > 0 && q.token[0] != '"'
}

// String is the quantity as text: the string's content, or the number as written.
func (q Quantity) String() string {
	if len(q.token) == 0 {
		return "0"
	}
	if !q.IsNumber() {
		var s string
		if json.Unmarshal(q.token, &s) == nil {
			return s
		}
	}
	return string(q.token)
}

// MarshalJSON writes the token the quantity arrived as.
func (q Quantity) MarshalJSON() ([]byte, error) {
	if len(q.token) == 0 {
		return []byte(`"0"`), nil
	}
	return q.token, nil
}

// UnmarshalJSON keeps a JSON string or number as it is written.
func (q *Quantity) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	var s string
	var n json.Number
	if json.Unmarshal(data, &s) != nil && json.Unmarshal(data, &n) != nil {
		return fmt.Errorf("a quantity is a string or a number, not %s", data)
	}
	q.token = append(q.token[:0], data...)
	return nil
}

// IntOrString holds an integer or a string (a port number or name, a count or a percentage), as the
// JSON value it is: 8080 stays a number and "http" a string.
type IntOrString struct {
	Int   int64
	Str   string
	IsStr bool // whether the value is the string Str; else it is the integer Int
}

// IntValue is the integer i as an IntOrString.
func IntValue(i int64) IntOrString {
	return IntOrString{Int: i}
}

// StringValue is the string s as an IntOrString.
func StringValue(s string) IntOrString {
	return IntOrString{Str: s, IsStr: true}
}

// String is the value as text.
func (v IntOrString) String() string {
	if v.IsStr {
		return v.Str
	}
	return strconv.FormatInt(v.Int, 10)
}

// MarshalJSON writes a JSON number or string.
func (v IntOrString) MarshalJSON() ([]byte, error) {
	if v.IsStr {
		return appendString(nil, v.Str), nil
	}
	return strconv.AppendInt(nil, v.Int, 10), nil
}

// UnmarshalJSON reads a JSON string, or a JSON number that is an integer.
func (v *IntOrString) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '"' {
		v.Int, v.IsStr = 0, true
		return json.Unmarshal(data, &v.Str)
	}
	i, err := strconv.ParseInt(string(data), 10, 64)
	if err != nil {
		return fmt.Errorf("an int-or-string is an integer or a string, not %s", data)
	}
	*v = IntOrString{Int: i}
	return nil
}
