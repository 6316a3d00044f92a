package client

// ReachesAny lets decode_test.go (package client_test, which may import the generated models) see which
// path Decode takes for a type: json.Unmarshal where it cannot reach a value typed any, a Decoder with
// UseNumber where it can.
var ReachesAny = reachesAny
