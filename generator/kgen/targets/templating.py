"""The Jinja environment of a target: strict, and never auto-escaping (encoders do that per context)."""

from __future__ import annotations

from collections.abc import MutableMapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache


def templates_root() -> Path:
    return Path(str(resources.files("kgen.templates")))


class _Compiled(jinja2.BytecodeCache):
    """Each template compiled once per process, by file and source checksum (an edited template compiles again).

    Every environment `environment` makes has the same settings, so their compiled code is interchangeable;
    compiling took most of a small document's run in-process (a caller generating several outputs, the tests).
    """

    def __init__(self) -> None:
        self.code: dict[str, tuple[str, Any]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self.code.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED = _Compiled()


class _Environment(jinja2.Environment):
    """Jinja's environment, its templates' globals a plain dict: Jinja copies them into the context of every render,
    and copying its default (a ChainMap that sees later changes to the environment's globals, which kgen never
    makes) costs more than a small template's own work; a cluster renders fifty thousand."""

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def environment(target: str | None, overrides: list[Path] | None = None) -> jinja2.Environment:
    """Templates of the built-in `target`, with user directories searched first (they override single files).

    With target None, only the given directories (a template pack's own target).
    """
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(p)) for p in overrides or ()]
    if target is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates_root() / target)))
    return _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates do not change during a run: no stat of the file at every get_template
        bytecode_cache=_COMPILED,
    )
