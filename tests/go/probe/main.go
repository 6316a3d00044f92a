// Command probe reads a generated Go module with go/parser and prints what the hostile suites compare
// with the document (tests/target_go.py): names, tags, literals (unquoted as the compiler reads them),
// doc comments line by line, and what each generated method sends.
//
//	probe DIR > facts.json
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
)

type field struct {
	Name string            `json:"name"`
	Type string            `json:"type"`
	Tags map[string]string `json:"tags"`
	Doc  []string          `json:"doc"`
}

type typeDecl struct {
	Kind   string   `json:"kind"` // struct, alias, named
	Target string   `json:"target"`
	Doc    []string `json:"doc"`
	Fields []field  `json:"fields"`
	Loose  []string `json:"loose"`  // comments in a struct that belong to no field
	Quoted []string `json:"quoted"` // the string literal in each of them, unquoted
}

type constant struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value any    `json:"value"`
}

type call struct {
	Func    string            `json:"func"`
	Op      string            `json:"op"`
	Path    map[string]string `json:"path"`
	Args    []map[string]any  `json:"args"`
	Options bool              `json:"options"`
	Body    bool              `json:"body"`
	Patch   bool              `json:"patch"`
}

type function struct {
	Receiver string      `json:"receiver"`
	Name     string      `json:"name"`
	Doc      []string    `json:"doc"`
	Params   [][2]string `json:"params"`
	Results  string      `json:"results"`
	Returns  []any       `json:"returns"` // the literals a one-line body returns
	Call     *call       `json:"call"`
}

type pkg struct {
	Name   string                    `json:"name"`
	Doc    []string                  `json:"doc"`
	Types  map[string]*typeDecl      `json:"types"`
	Consts []constant                `json:"consts"`
	Vars   map[string]map[string]any `json:"vars"`
	Funcs  []function                `json:"funcs"`
}

var fset = token.NewFileSet()

func main() {
	root := os.Args[1]
	packages := map[string]*pkg{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		dir, _ := filepath.Rel(root, filepath.Dir(path))
		dir = filepath.ToSlash(dir)
		if dir == "." {
			dir = ""
		}
		file, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		p := packages[dir]
		if p == nil {
			p = &pkg{Name: file.Name.Name, Types: map[string]*typeDecl{}, Vars: map[string]map[string]any{}}
			packages[dir] = p
		}
		if file.Doc != nil {
			p.Doc = lines(file.Doc)
		}
		read(p, file)
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, _ := json.Marshal(map[string]any{"packages": packages})
	os.Stdout.Write(out)
}

func lines(group *ast.CommentGroup) []string {
	if group == nil {
		return nil
	}
	var out []string
	for _, c := range group.List {
		out = append(out, c.Text)
	}
	return out
}

func source(node ast.Node) string {
	var b bytes.Buffer
	printer.Fprint(&b, fset, node)
	return b.String()
}

// literal is the value of a constant expression: a string, an integer (as text), a bool, or nil.
func literal(expr ast.Expr) any {
	switch e := expr.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			s, err := strconv.Unquote(e.Value)
			if err != nil {
				panic(err)
			}
			return s
		}
		return e.Value
	case *ast.UnaryExpr:
		if v, ok := literal(e.X).(string); ok && e.Op == token.SUB {
			return "-" + v
		}
	case *ast.Ident:
		if e.Name == "true" || e.Name == "false" {
			return e.Name == "true"
		}
		return "ident:" + e.Name
	case *ast.SelectorExpr:
		return "ident:" + source(e)
	}
	return nil
}

func read(p *pkg, file *ast.File) {
	for _, decl := range file.Decls {
		switch d := decl.(type) {
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					p.Types[s.Name.Name] = typeOf(file, d, s)
				case *ast.ValueSpec:
					readValue(p, d, s)
				}
			}
		case *ast.FuncDecl:
			p.Funcs = append(p.Funcs, functionOf(d))
		}
	}
}

func typeOf(file *ast.File, d *ast.GenDecl, s *ast.TypeSpec) *typeDecl {
	t := &typeDecl{Doc: lines(d.Doc), Kind: "named"}
	if s.Assign.IsValid() {
		t.Kind = "alias"
	}
	st, ok := s.Type.(*ast.StructType)
	if !ok || t.Kind == "alias" {
		t.Target = source(s.Type)
		return t
	}
	t.Kind = "struct"
	owned := map[*ast.CommentGroup]bool{}
	for _, f := range st.Fields.List {
		owned[f.Doc], owned[f.Comment] = true, true
		tags := map[string]string{}
		if f.Tag != nil {
			tag, err := strconv.Unquote(f.Tag.Value)
			if err != nil {
				panic(err)
			}
			for _, key := range []string{"json", "query", "header", "form", "format"} {
				if value, ok := reflect.StructTag(tag).Lookup(key); ok {
					tags[key] = value
				}
			}
		}
		for _, name := range f.Names {
			t.Fields = append(t.Fields, field{Name: name.Name, Type: source(f.Type), Tags: tags, Doc: lines(f.Doc)})
		}
	}
	for _, group := range file.Comments {
		if group.Pos() > st.Fields.Opening && group.End() < st.Fields.Closing && !owned[group] {
			for _, line := range lines(group) {
				t.Loose = append(t.Loose, line)
				if at := strings.IndexByte(line, '"'); at >= 0 {
					quoted, err := strconv.QuotedPrefix(line[at:])
					if err != nil {
						panic(err)
					}
					value, _ := strconv.Unquote(quoted)
					t.Quoted = append(t.Quoted, value)
				}
			}
		}
	}
	return t
}

func readValue(p *pkg, d *ast.GenDecl, s *ast.ValueSpec) {
	if d.Tok == token.CONST {
		for i, name := range s.Names {
			if i >= len(s.Values) {
				continue // iota blocks repeat the previous expression
			}
			p.Consts = append(p.Consts, constant{Name: name.Name, Type: source(s.Type), Value: literal(s.Values[i])})
		}
		return
	}
	for i, name := range s.Names {
		if i >= len(s.Values) {
			continue
		}
		unary, ok := s.Values[i].(*ast.UnaryExpr)
		if !ok {
			continue
		}
		composite, ok := unary.X.(*ast.CompositeLit)
		if !ok {
			continue
		}
		p.Vars[name.Name] = keyed(composite)
	}
}

func keyed(composite *ast.CompositeLit) map[string]any {
	out := map[string]any{}
	for _, element := range composite.Elts {
		kv := element.(*ast.KeyValueExpr)
		out[source(kv.Key)] = literal(kv.Value)
	}
	return out
}

func functionOf(d *ast.FuncDecl) function {
	f := function{Name: d.Name.Name, Doc: lines(d.Doc)}
	if d.Recv != nil {
		f.Receiver = strings.TrimPrefix(source(d.Recv.List[0].Type), "*")
	}
	for _, param := range d.Type.Params.List {
		for _, name := range param.Names {
			f.Params = append(f.Params, [2]string{name.Name, source(param.Type)})
		}
	}
	if d.Type.Results != nil {
		var results []string
		for _, result := range d.Type.Results.List {
			results = append(results, source(result.Type))
		}
		f.Results = strings.Join(results, ", ")
	}
	if d.Body == nil || len(d.Body.List) != 1 {
		return f
	}
	ret, ok := d.Body.List[0].(*ast.ReturnStmt)
	if !ok {
		return f
	}
	for _, result := range ret.Results {
		f.Returns = append(f.Returns, literal(result))
		if c, ok := result.(*ast.CallExpr); ok && len(c.Args) == 4 {
			f.Call = callOf(c)
		}
	}
	return f
}

// callOf reads client.Do[T](ctx, c.transport, opX, client.Call{...}) and its siblings.
func callOf(c *ast.CallExpr) *call {
	fun := c.Fun
	for {
		if index, ok := fun.(*ast.IndexExpr); ok {
			fun = index.X
		} else if index, ok := fun.(*ast.IndexListExpr); ok {
			fun = index.X
		} else {
			break
		}
	}
	out := &call{Func: source(fun), Op: source(c.Args[2]), Path: map[string]string{}}
	lit, ok := c.Args[3].(*ast.CompositeLit)
	if !ok {
		return out
	}
	for _, element := range lit.Elts {
		kv := element.(*ast.KeyValueExpr)
		switch source(kv.Key) {
		case "Path":
			for _, e := range kv.Value.(*ast.CompositeLit).Elts {
				pair := e.(*ast.KeyValueExpr)
				out.Path[literal(pair.Key).(string)] = source(pair.Value)
			}
		case "Args":
			for _, e := range kv.Value.(*ast.CompositeLit).Elts {
				arg := keyed(e.(*ast.CompositeLit))
				out.Args = append(out.Args, arg)
			}
		case "Options":
			out.Options = true
		case "Body":
			out.Body = true
		case "Patch":
			out.Patch = true
		}
	}
	return out
}
