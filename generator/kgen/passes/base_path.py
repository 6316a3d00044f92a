"""Operations are called under the document's basePath: it becomes part of every operation's path.

Swagger 2.0 paths are relative to `basePath`, so a client that ignored it
would call the wrong URLs. The base path is kept as data on the Api (for
`kgen list` and the READMEs) and prefixed to each path template, which every
target already encodes as a string literal. Characters a URL path cannot
hold raw are percent-encoded, so the base never adds a `{parameter}` to the
template; Kubernetes documents have none, or "/", which adds nothing.
"""

from __future__ import annotations

from urllib.parse import quote

from kgen.passes.context import Context

_PATH_CHARACTERS = "/:@!$&'()*+,;=-._~%"  # RFC 3986 pchar and "/", and "%" for what is already encoded


def run(ctx: Context) -> None:
    base = normalise(ctx.spec.base_path)
    ctx.api.base_path = base
    for op in ctx.api.operations:
        op.path = base + op.path


def normalise(base_path: str) -> str:
    """"" for no base path or "/"; otherwise one leading "/", no trailing one, URL-safe."""
    stripped = base_path.strip("/")
    return "/" + quote(stripped, safe=_PATH_CHARACTERS) if stripped else ""
