"""Every target calls operations under the document's basePath, with integer, boolean and number path arguments, and sends form parameters.

One small document of our own (basePath /api/v2/, a path with an integer, a
boolean, a number and a string parameter), generated for each target; a call
against a scripted loopback server must request
/api/v2/pets/7/true/1.5/a%20b%3Fc, and the server's answer must come back.
A second operation takes form parameters (a required string, an optional
`multi` list and an optional integer): they must arrive as an
application/x-www-form-urlencoded body.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

import gotools
import javatools
import pytest
from conftest import generate, run_kgen
from typescript_tools import compile_to, node

from runtime.server import Reply, ScriptedServer, Seen

SPEC = {
    "swagger": "2.0",
    "info": {"title": "paths", "version": "1"},
    "basePath": "/api/v2/",
    "paths": {
        "/pets/{id}/{flag}/{ratio}/{name}": {
            "get": {
                "operationId": "getPet",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "type": "integer", "format": "int64"},
                    {"name": "flag", "in": "path", "required": True, "type": "boolean"},
                    {"name": "ratio", "in": "path", "required": True, "type": "number"},
                    {"name": "name", "in": "path", "required": True, "type": "string"},
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}},
            }
        },
        "/pets/{id}": {
            "post": {
                "operationId": "updatePet",
                "consumes": ["application/x-www-form-urlencoded"],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "type": "integer", "format": "int64"},
                    {"name": "name", "in": "formData", "required": True, "type": "string"},
                    {"name": "tags", "in": "formData", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"},
                    {"name": "age", "in": "formData", "type": "integer"},
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}},
            }
        },
    },
    "definitions": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}},
}
EXPECTED_PATH = "/api/v2/pets/7/true/1.5/a%20b%3Fc"
FORM = {"name": ["a b&c"], "tags": ["x", "y"], "age": ["3"]}  # what each program's updatePet sends
Scripted = Callable[[Callable[[Seen], Reply]], ScriptedServer]


@pytest.fixture()
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "paths.json"
    path.write_text(json.dumps(SPEC), "utf-8")
    return path


@pytest.fixture()
def server(scripted: Scripted) -> ScriptedServer:
    return scripted(lambda seen: Reply(body={"name": "rex"}))


def test_list_and_readme_show_the_base_path(spec: Path, tmp_path: Path) -> None:
    listed = run_kgen("list", str(spec))
    assert listed.returncode == 0, listed.stderr
    assert "under the base path /api/v2" in listed.stdout
    assert json.loads(run_kgen("list", "--json", str(spec)).stdout)["base_path"] == "/api/v2"
    for target in ("python", "typescript", "go", "java"):
        out = generate(spec, tmp_path / target, "--target", target)
        assert "base path, /api/v2:" in (out / "README.md").read_text("utf-8"), target


def _check(result: subprocess.CompletedProcess[str], server: ScriptedServer) -> None:
    """The program printed the answer to both calls; the server saw the path, then the form."""
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["rex", "rex"]
    get, post = server.requests()
    assert get.path == EXPECTED_PATH and post.method == "POST" and post.path == "/api/v2/pets/7"
    assert post.headers["Content-Type"].startswith("application/x-www-form-urlencoded") and parse_qs(post.body.decode()) == FORM


def test_python_calls_under_the_base_path(spec: Path, tmp_path: Path, server: ScriptedServer) -> None:
    out = generate(spec, tmp_path / "py", "--package-name", "paths_client")
    code = (
        "import sys\n"
        "from paths_client import Client\n"
        "from paths_client.default import DefaultApi\n"
        "api = DefaultApi(Client(sys.argv[1]))\n"
        "print(api.get_pet(7, True, 1.5, 'a b?c').name)\n"
        "print(api.update_pet(7, name='a b&c', tags=['x', 'y'], age=3).name)\n"
    )
    _check(subprocess.run([sys.executable, "-c", code, server.url], capture_output=True, text=True, cwd=out, timeout=120), server)


def test_typescript_calls_under_the_base_path(spec: Path, tmp_path: Path, server: ScriptedServer) -> None:
    out = generate(spec, tmp_path / "ts", "--target", "typescript", "--package-name", "paths")
    program = (
        'import { Client } from "../index.js";\n'
        'import { getPet, updatePet } from "../default/index.js";\n'
        "const argv = (globalThis as unknown as { process: { argv: string[] } }).process.argv;\n"
        "const client = new Client({ server: argv[2] });\n"
        "console.log((await getPet(client, 7, true, 1.5, \"a b?c\")).name);\n"
        "console.log((await updatePet(client, 7, { name: \"a b&c\", tags: [\"x\", \"y\"], age: 3 })).name);\n"
    )
    (out / "src" / "_check").mkdir()
    (out / "src" / "_check" / "call.ts").write_text(program, "utf-8")
    compile_to(out, out / "dist")
    _check(subprocess.run([node(), str(out / "dist" / "_check" / "call.js"), server.url], capture_output=True, text=True, timeout=120), server)


def test_go_calls_under_the_base_path(spec: Path, tmp_path: Path, server: ScriptedServer) -> None:
    if reason := gotools.missing():
        pytest.skip(reason)
    out = generate(spec, tmp_path / "go", "--target", "go", "--package-name", "example.com/paths")
    main = """package main

import (
	"context"
	"fmt"
	"os"

	"example.com/paths/client"
	api "example.com/paths/default_"
)

func main() {
	c, err := client.New(client.Config{Server: os.Args[1]})
	if err != nil {
		panic(err)
	}
	pets := api.NewDefaultClient(c)
	pet, err := pets.GetPet(context.Background(), 7, true, 1.5, "a b?c")
	if err != nil {
		panic(err)
	}
	fmt.Println(*pet.Name)
	age := int64(3)
	pet, err = pets.UpdatePet(context.Background(), 7, "a b&c", &api.UpdatePetOptions{Tags: []string{"x", "y"}, Age: &age})
	if err != nil {
		panic(err)
	}
	fmt.Println(*pet.Name)
}
"""
    program = gotools.program(tmp_path / "call", "example.com/paths", out, main)
    gotools.go("build", "-o", "call", ".", cwd=program)
    _check(subprocess.run([str(program / "call"), server.url], capture_output=True, text=True, timeout=120), server)


def test_java_calls_under_the_base_path(spec: Path, tmp_path: Path, server: ScriptedServer) -> None:
    if reason := javatools.missing():
        pytest.skip(reason)
    out = generate(spec, tmp_path / "java", "--target", "java", "--package-name", "paths")
    program = tmp_path / "Call.java"
    program.write_text(
        """import java.util.List;
import paths.client.ApiClient;
import paths.client.Config;
import paths.default_.DefaultApi;
import paths.default_.UpdatePetParams;

public final class Call {
  public static void main(String[] args) {
    try (ApiClient client = ApiClient.fromConfig(new Config().server(args[0]))) {
      DefaultApi api = new DefaultApi(client);
      System.out.println(api.getPet(7L, true, 1.5, "a b?c").getName());
      UpdatePetParams options = new UpdatePetParams().tags(List.of("x", "y")).age(3L);
      System.out.println(api.updatePet(7L, "a b&c", options).getName());
    }
  }
}
""",
        "utf-8",
    )
    classes = tmp_path / "classes"
    javatools.javac([program, *javatools.sources(out / "src" / "main" / "java")], classes)
    _check(javatools.java(classes, "Call", server.url, timeout=120), server)
