"""Every shared upstream document generates a package that compiles, imports, and drops nothing."""

from __future__ import annotations

import ast
import compileall
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import REAL_SPECS, SPECS_DIR, import_all


def _spec(name: str) -> dict[str, Any]:
    return json.loads((SPECS_DIR / f"{name}.json").read_text())


def _inline_objects(schema: Any, top: bool = True) -> int:
    """Nested schemas with properties (each becomes a model of its own), counted from the spec itself."""
    if not isinstance(schema, dict):
        return 0
    count = 0 if top or "$ref" in schema or not schema.get("properties") else 1
    for key in ("properties",):
        for sub in (schema.get(key) or {}).values():
            count += _inline_objects(sub, top=False)
    for key in ("items", "additionalProperties"):
        count += _inline_objects(schema.get(key), top=False)
    for sub in schema.get("allOf") or []:
        count += _inline_objects(sub, top=False)
    return count


def _operation_inline_objects(spec: dict[str, Any]) -> int:
    count = 0
    for item in spec["paths"].values():
        for method, op in item.items():
            if method == "parameters":
                continue
            for param in op.get("parameters", []):
                count += _inline_objects(param.get("schema"), top=False)
            for response in op.get("responses", {}).values():
                count += _inline_objects(response.get("schema"), top=False)
    return count


def _generated(root: Path) -> tuple[int, int, int, int]:
    """(model classes, type aliases, open-enum classes, API methods) found in the generated source."""
    classes = aliases = enums = methods = 0
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if path.name == "models.py" and isinstance(node, ast.ClassDef):
                classes += 1 if node.bases else 0
                enums += 0 if node.bases else 1  # an open enum's constants
            elif path.name == "models.py" and isinstance(node, ast.AnnAssign) and ast.unparse(node.annotation) == "TypeAlias":
                aliases += 1
            elif path.name == "api.py" and isinstance(node, ast.ClassDef) and not node.name.startswith("Async") and not any(
                isinstance(b, ast.Name) and b.id == "TypedDict" for b in node.bases
            ):
                methods += sum(1 for f in node.body if isinstance(f, ast.FunctionDef) and "_client.request(" in ast.unparse(f.body[-1]))
    return classes, aliases, enums, methods


@pytest.mark.parametrize("name", REAL_SPECS)
def test_output_compiles_and_every_module_imports(name: str, real_outputs: dict[str, Path]) -> None:
    if name not in real_outputs:
        pytest.skip(f"{name} not in KGEN_SPECS_DIR")
    root = real_outputs[name]
    assert compileall.compile_dir(str(root), quiet=2, workers=0)
    result = import_all(root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.split()[-1]) > 10


@pytest.mark.parametrize("name", REAL_SPECS)
def test_nothing_is_dropped(name: str, real_outputs: dict[str, Path]) -> None:
    if name not in real_outputs:
        pytest.skip(f"{name} not in KGEN_SPECS_DIR")
    spec = _spec(name)
    definitions = spec["definitions"]
    objects = [d for d in definitions.values() if d.get("properties")]
    inline = sum(_inline_objects(d) for d in definitions.values()) + _operation_inline_objects(spec)
    operations = sum(1 for item in spec["paths"].values() for m in item if m != "parameters")
    enum_definitions = sum(1 for d in definitions.values() if not d.get("properties") and d.get("type") in ("string", "integer") and d.get("enum"))
    classes, aliases, enums, methods = _generated(real_outputs[name])
    assert classes == len(objects) + inline
    assert aliases == len(definitions) - len(objects) - enum_definitions  # a definition that is an enum is an enum class
    assert enums >= enum_definitions
    assert methods == operations


@pytest.mark.parametrize("name", REAL_SPECS)
def test_packages_match_the_groups_of_the_spec(name: str, real_outputs: dict[str, Path]) -> None:
    if name not in real_outputs:
        pytest.skip(f"{name} not in KGEN_SPECS_DIR")
    spec = _spec(name)
    expected = set()
    for path in spec["paths"]:
        if match := re.match(r"^/apis/([^/{}]+)/(v\d[^/{}]*)/", path):
            expected.add(match.groups())
        elif match := re.match(r"^/api/(v\d[^/{}]*)/", path):
            expected.add(("", match.group(1)))
    for definition in spec["definitions"].values():
        gvks = definition.get("x-kubernetes-group-version-kind") or []
        if len({(g["group"], g["version"]) for g in gvks}) == 1:
            expected.add((gvks[0]["group"], gvks[0]["version"]))
    root = real_outputs[name] / "kube"
    for group, version in sorted(expected):
        words = re.split(r"[.\-]", group.removesuffix(".k8s.io")) if group else ["core"]
        package = "_".join(re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", w).lower() for w in words)
        assert (root / package / version / "__init__.py").is_file(), (group, version, package)
