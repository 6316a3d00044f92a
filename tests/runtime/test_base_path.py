"""Every target calls operations under the document's basePath, with integer, boolean and number path arguments.

One small document of our own (basePath /api/v2/, a path with an integer, a
boolean, a number and a string parameter), generated for each target; a call
against a scripted loopback server must request
/api/v2/pets/7/true/1.5/a%20b%3Fc, and the server's answer must come back.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import gotools
import pytest
from typescript_tools import compile_to, node

from conftest import generate, run_kgen
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
        }
    },
    "definitions": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}},
}
EXPECTED_PATH = "/api/v2/pets/7/true/1.5/a%20b%3Fc"
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
    for target in ("python", "typescript", "go"):
        out = generate(spec, tmp_path / target, "--target", target)
        assert "base path, /api/v2:" in (out / "README.md").read_text("utf-8"), target


def test_python_calls_under_the_base_path(spec: Path, tmp_path: Path, server: ScriptedServer) -> None:
    out = generate(spec, tmp_path / "py", "--package-name", "paths_client")
    code = (
        "import sys\n"
        "from paths_client import Client\n"
        "from paths_client.default import DefaultApi\n"
        "print(DefaultApi(Client(sys.argv[1])).get_pet(7, True, 1.5, 'a b?c').name)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, server.url], capture_output=True, text=True, cwd=out, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "rex"
    assert [s.path for s in server.requests()] == [EXPECTED_PATH]


def test_typescript_calls_under_the_base_path(spec: Path, tmp_path: Path, server: ScriptedServer) -> None:
    out = generate(spec, tmp_path / "ts", "--target", "typescript", "--package-name", "paths")
    program = (
        'import { Client } from "../index.js";\n'
        'import { getPet } from "../default/index.js";\n'
        "const argv = (globalThis as unknown as { process: { argv: string[] } }).process.argv;\n"
        "const pet = await getPet(new Client({ server: argv[2] }), 7, true, 1.5, \"a b?c\");\n"
        "console.log(pet.name);\n"
    )
    (out / "src" / "_check").mkdir()
    (out / "src" / "_check" / "call.ts").write_text(program, "utf-8")
    compile_to(out, out / "dist")
    result = subprocess.run([node(), str(out / "dist" / "_check" / "call.js"), server.url], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "rex"
    assert [s.path for s in server.requests()] == [EXPECTED_PATH]


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
	pet, err := api.NewDefaultClient(c).GetPet(context.Background(), 7, true, 1.5, "a b?c")
	if err != nil {
		panic(err)
	}
	fmt.Println(*pet.Name)
}
"""
    program = gotools.program(tmp_path / "call", "example.com/paths", out, main)
    gotools.go("build", "-o", "call", ".", cwd=program)
    result = subprocess.run([str(program / "call"), server.url], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "rex"
    assert [s.path for s in server.requests()] == [EXPECTED_PATH]
