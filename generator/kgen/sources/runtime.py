"""The generated runtime's configuration code, run by kgen itself to reach clusters.

kgen reads kubeconfig files exactly as the clients it generates do, with the
same code: it renders the runtime's modules that need no more than the
standard library and PyYAML (times, config) from the target's templates
under a private package name and imports them from memory, so kgen never
imports generated code. There is no second kubeconfig reader.
"""

from __future__ import annotations

import functools
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType

from kgen.targets.templating import environment

PACKAGE = "_kgen_runtime"
MODULES = ("times", "config")  # in import order; none needs more than the standard library and PyYAML
HEADER = "# kgen's in-memory copy of the generated runtime"


class _Rendered(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports modules from source text held in memory."""

    def __init__(self, sources: dict[str, str], packages: set[str]):
        self.sources, self.packages = sources, packages

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.sources:
            return None
        return importlib.util.spec_from_loader(fullname, self, is_package=fullname in self.packages)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        code = compile(self.sources[module.__name__], f"<kgen runtime {module.__name__}>", "exec")
        exec(code, module.__dict__)  # noqa: S102 - kgen's own templates, rendered without spec input


@functools.lru_cache(maxsize=1)
def config_module() -> ModuleType:
    """The runtime's `config` module (load_kubeconfig, Config, ConfigError, ...)."""
    env = environment("python")
    packages = {PACKAGE, f"{PACKAGE}._runtime"}
    sources = dict.fromkeys(packages, "")
    for name in MODULES:
        template = env.get_template(f"runtime/{name}.py.jinja")
        sources[f"{PACKAGE}._runtime.{name}"] = template.render(header=HEADER, package=PACKAGE, docstring="")
    finder = _Rendered(sources, packages)
    sys.meta_path.insert(0, finder)
    try:
        return importlib.import_module(f"{PACKAGE}._runtime.config")
    finally:
        sys.meta_path.remove(finder)
