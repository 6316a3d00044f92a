"""Runtime trees: the code every generated client carries, kept as real source checked where it lives.

templates/<target>/runtime/ holds a target's runtime as ordinary source of its
language (tests/test_runtime_trees.py type-checks and vets each tree in place).
A runtime file is copied into the output, not rendered, with two exact edits:

- its first line, the comment `# kgen:header` or `// kgen:header`, becomes the
  generated file's header;
- `kgen.templates.<target>.runtime`, the tree's name for its own package (the
  Python tree is importable under it: kgen reads kubeconfigs with its config
  module), becomes the generated package's name.

Files are read through the target's template loader, so a template pack
overrides a runtime file as it overrides a template: by its relative path.
"""

from __future__ import annotations

import re

import jinja2

HEADER_LINE = re.compile(r"(#|//) kgen:header\n")


def placeholder(target: str) -> str:
    """What a runtime file writes where the generated package's name goes."""
    return f"kgen.templates.{target}.runtime"


def copy(env: jinja2.Environment, target: str, name: str, header: str, package: str | None) -> str:
    """The runtime file `name` (relative to templates/<target>/runtime/) with `header`, naming `package`.

    `package` is None for a runtime that never names its own package (it imports its files by relative path).
    """
    assert env.loader is not None
    source, filename, _ = env.loader.get_source(env, f"runtime/{name}")
    marker = HEADER_LINE.match(source)
    if marker is None:
        raise ValueError(f"{filename}: a runtime file starts with the line `# kgen:header` or `// kgen:header`, where its header goes")
    text = f"{header}\n{source[marker.end():]}"
    if package is None:
        if placeholder(target) in text:
            raise ValueError(f"{filename}: names {placeholder(target)}, but the {target} target gives its runtime no package name")
        return text
    return text.replace(placeholder(target), package)

