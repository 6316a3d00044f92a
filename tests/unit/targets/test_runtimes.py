"""Runtime files are copied from real source trees: the header line and the package name are the only edits."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from kgen.targets import registry, runtimes, tree_sha256
from kgen.targets.go.target import RUNTIME_FILES as GO_FILES
from kgen.targets.python.target import RUNTIME_FILES as PYTHON_FILES
from kgen.targets.templating import environment, templates_root
from kgen.targets.typescript.target import RUNTIME_FILES as TYPESCRIPT_FILES

TREES = {"python": ("_runtime/", PYTHON_FILES), "typescript": ("", TYPESCRIPT_FILES), "go": ("", GO_FILES)}


@pytest.mark.parametrize("target", sorted(TREES))
def test_every_file_of_a_runtime_tree_is_copied_and_starts_with_the_header_line(target: str) -> None:
    prefix, names = TREES[target]
    tree = templates_root() / target / "runtime"
    held = {p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert held == {prefix + name for name in names}
    assert all(runtimes.HEADER_LINE.match((tree / name).read_text("utf-8")) for name in held)


def test_the_header_replaces_the_first_line_and_the_package_name_its_placeholder() -> None:
    text = runtimes.copy(environment("python"), "python", "_runtime/watch.py", "# HEADER\n# two lines", "mykube")
    source = (templates_root() / "python" / "runtime" / "_runtime" / "watch.py").read_text("utf-8")
    assert text == "# HEADER\n# two lines\n" + source.split("\n", 1)[1].replace("kgen.templates.python.runtime", "mykube")
    assert 'getLogger("mykube")' in text and "from mykube._runtime.errors import" in text and "kgen" not in text


def test_a_pack_overrides_a_runtime_file_by_its_path(tmp_path: Path) -> None:
    (tmp_path / "runtime").mkdir()
    (tmp_path / "runtime" / "op.ts").write_text("// kgen:header\nexport const own = 1;\n", "utf-8")
    assert runtimes.copy(environment("typescript", [tmp_path]), "typescript", "op.ts", "// H", None) == "// H\nexport const own = 1;\n"


def test_an_override_without_the_header_line_or_with_an_unnamed_package_is_refused(tmp_path: Path) -> None:
    (tmp_path / "runtime").mkdir()
    (tmp_path / "runtime" / "op.ts").write_text("export const own = 1;\n", "utf-8")
    (tmp_path / "runtime" / "json.ts").write_text('// kgen:header\nimport "kgen.templates.typescript.runtime/x";\n', "utf-8")
    env = environment("typescript", [tmp_path])
    with pytest.raises(ValueError, match="kgen:header"):
        runtimes.copy(env, "typescript", "op.ts", "// H", None)
    with pytest.raises(ValueError, match="gives its runtime no package name"):
        runtimes.copy(env, "typescript", "json.ts", "// H", None)


def test_kgen_reads_kubeconfigs_with_the_runtime_tree_without_its_client_dependencies() -> None:
    """kgen imports the tree's config module itself; msgspec and httpx stay the generated package's dependencies."""
    code = "import sys, kgen.sources.cluster as c; print(c.runtime.__name__, sorted({'msgspec', 'httpx'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60, check=True)
    assert done.stdout.split("\n")[0] == "kgen.templates.python.runtime._runtime.config []"


def test_kgen_lock_templates_hash_covers_the_runtime_trees(tmp_path: Path) -> None:
    copy, shipped = tmp_path / "go", registry.builtin("go").TEMPLATES
    shutil.copytree(shipped, copy)
    assert tree_sha256(copy) == tree_sha256(shipped)
    with (copy / "runtime" / "types.go").open("a", encoding="utf-8") as source:
        source.write("\n")
    assert tree_sha256(copy) != tree_sha256(shipped)
