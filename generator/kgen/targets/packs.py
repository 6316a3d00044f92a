"""User template packs (`--templates DIR`): override single templates of a built-in target, or add a target.

A pack is a directory. With a `target.py` it defines a target of its own
(a module that satisfies kgen.targets.protocol.Target, see docs/targets.md),
rendered with the pack's templates only. Without one, its files override the
templates of the same relative name of the built-in target chosen with
--target, through the Jinja loader chain; the rest come from kgen.

A pack is code: templates and its modules run with kgen's rights. Listing packs
reads NAME and DESCRIPTION from target.py without running it. The pack's
sha256 (every file's relative path and bytes) goes into kgen.lock, so a
changed pack makes `kgen generate --check` report the output out of date.
"""

from __future__ import annotations

import ast
import importlib.machinery
import importlib.util
import os
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import ModuleType

from kgen.diagnostics import Diagnostic, KgenError, Level
from kgen.targets import tree_sha256

TARGET_MODULE = "target.py"
SEARCH_PATH = "KGEN_TEMPLATES_PATH"  # directories whose subdirectories are packs, for `kgen targets`


@dataclass(frozen=True)
class Pack:
    path: Path
    name: str | None  # the target it defines, or None for an override pack
    description: str

    @cached_property
    def sha256(self) -> str:
        return tree_sha256(self.path)


def _error(message: str, path: Path, hint: str) -> KgenError:
    return KgenError([Diagnostic(Level.ERROR, message, source=str(path), hint=hint)])


def read(directory: str | Path) -> Pack:
    """The pack in `directory`: its target's NAME and DESCRIPTION read from target.py's source, not run."""
    path = Path(directory).expanduser().resolve()
    if not path.is_dir():
        raise _error("the template pack is not a directory", path, "pass --templates DIR, a directory of .jinja templates")
    module = path / TARGET_MODULE
    if not module.is_file():
        return Pack(path, None, "overrides of built-in templates: " + (", ".join(sorted(_templates(path))) or "(none)"))
    constants = _string_constants(module)
    name = constants.get("NAME")
    if not name or not name.isidentifier() or not name.isascii():
        raise _error("target.py sets no NAME (a plain identifier: the target's name)", module, "add NAME = \"mytarget\" to target.py")
    return Pack(path, name, constants.get("DESCRIPTION", "a target of a template pack"))


def _templates(path: Path) -> list[str]:
    """The pack's templates, and its runtime files (real source: see kgen.targets.runtimes)."""
    found = [p.relative_to(path) for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return [p.as_posix() for p in found if p.suffix == ".jinja" or p.parts[0] == "runtime"]


def _string_constants(module: Path) -> dict[str, str]:
    try:
        tree = ast.parse(module.read_text("utf-8"), str(module))
    except (SyntaxError, UnicodeDecodeError, ValueError) as exc:
        raise _error(f"target.py cannot be read: {exc}", module, "fix the pack's target.py") from None
    found = {}
    for node in tree.body:
        match node:
            case ast.Assign(targets=[ast.Name(id=name)], value=ast.Constant(value=str() as value)):
                found[name] = value
    return found


def run(pack: Pack) -> ModuleType:
    """Run the pack's target.py (this is where the pack's code runs).

    It is the module `target` of a package over the pack's directory, so it
    may import the pack's other modules (`from . import encode`).
    """
    package = f"kgen_pack_{pack.sha256[:16]}"
    if package not in sys.modules:
        spec = importlib.machinery.ModuleSpec(package, None, is_package=True)
        spec.submodule_search_locations = [str(pack.path)]
        sys.modules[package] = importlib.util.module_from_spec(spec)
    return importlib.import_module(f"{package}.{TARGET_MODULE.removesuffix('.py')}")


def found(extra: list[str]) -> list[Pack]:
    """Packs named on the command line, then each subdirectory of the directories in $KGEN_TEMPLATES_PATH."""
    dirs = [Path(d) for d in extra]
    for root in filter(None, os.environ.get(SEARCH_PATH, "").split(os.pathsep)):
        if Path(root).is_dir():
            dirs += sorted(p for p in Path(root).iterdir() if p.is_dir())
    return [read(d) for d in dirs]
