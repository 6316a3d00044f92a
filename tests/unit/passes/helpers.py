"""Build the IR of a small inline document, the way every pass test starts."""

from __future__ import annotations

from typing import Any

from kgen.diagnostics import Sink
from kgen.ir.model import Api
from kgen.passes import build_ir
from kgen.sources.loading import Document
from kgen.spec.parse import parse_spec


def doc(definitions: dict[str, Any] | None = None, paths: dict[str, Any] | None = None, **top: Any) -> dict[str, Any]:
    return {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths or {}, "definitions": definitions or {}, **top}


def ir(document: dict[str, Any], sink: Sink | None = None) -> Api:
    sink = sink or Sink("t.json")
    spec = parse_spec(Document("t.json", document, "0" * 64), sink)
    sink.raise_if_errors()
    return build_ir(spec, sink)


def obj(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def ref(name: str) -> dict[str, str]:
    return {"$ref": "#/definitions/" + name}


def k8s_op(op_id: str, action: str, gvk: tuple[str, str, str], response: str | None = None, **extra: Any) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": op_id,
        "x-kubernetes-action": action,
        "x-kubernetes-group-version-kind": dict(zip(("group", "version", "kind"), gvk)),
        "responses": {"200": {"description": "OK", **({"schema": ref(response)} if response else {})}},
    }
    op.update(extra)
    return op


NS = {"name": "namespace", "in": "path", "required": True, "type": "string"}
NAME = {"name": "name", "in": "path", "required": True, "type": "string"}
