"""What one run generates, and the provenance that kgen.lock records for it.

The provenance holds every input that shapes the output: kgen's version, the
target and the hash of its template pack, the sha256 of the spec and of each
CRD manifest, and the options that change generated files. `kgen generate --check` compares it with the
lock to say what changed, and trusts an unchanged lock (see kgen.app.check).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgen import __version__
from kgen.app.selection import Selection
from kgen.app.settings import SETTINGS, default
from kgen.sources.loading import Limits
from kgen.targets import packs, registry, tree_sha256

if TYPE_CHECKING:
    from kgen.sources import Inputs


@dataclass
class Request:
    """An output's settings (kgen.app.settings: each field but `validate` is a row there, with its default)."""

    spec: str | None  # a file or "-"; None with only CRDs, or from a cluster
    out: Path
    target: str = default("target")
    package_name: str = default("package_name")
    project_name: str | None = default("project_name")
    project_version: str = default("project_version")
    lenient: bool = default("lenient")
    format: bool = default("format")
    validate: bool = True  # False where the caller vouches for the document (kgen list, tests)
    validation_timeout: float = default("validation_timeout")
    max_bytes: int = default("max_bytes")
    max_depth: int = default("max_depth")
    max_definitions: int = default("max_definitions")
    max_operations: int = default("max_operations")
    groups: tuple[str, ...] = default("groups")
    exclude_groups: tuple[str, ...] = default("exclude_groups")
    crds: tuple[str, ...] = default("crd")  # CRD manifest files and directories
    from_cluster: bool = default("from_cluster")  # fetch the document from the kubeconfig's cluster
    kubeconfig: str | None = default("kubeconfig")
    context: str | None = default("context")
    templates: str | None = default("templates")  # a template pack directory (kgen.targets.packs)

    @property
    def limits(self) -> Limits:
        return Limits(self.max_bytes, self.max_depth, self.max_definitions, self.max_operations)

    @property
    def selection(self) -> Selection:
        return Selection.parse(self.groups, self.exclude_groups)

    @cached_property
    def pack(self) -> packs.Pack | None:
        """The template pack, read once: its target, its hash in kgen.lock, and its code."""
        return packs.read(self.templates) if self.templates is not None else None

    def options(self) -> dict[str, Any]:
        """The settings that shape generated files, as kgen.lock records them (limits and validation only accept or refuse input)."""
        return {
            s.name: s.record(getattr(self, s.attribute)) if s.record is not None else getattr(self, s.attribute)
            for s in SETTINGS
            if s.shapes_output
        }


def provenance(request: Request, inputs: Inputs) -> dict[str, Any]:
    """What shaped the output: recorded in kgen.lock and compared by --check."""
    return {
        "kgen": __version__,
        "target": request.target,
        "templates": tree_sha256(registry.builtin(request.target).TEMPLATES) if request.target in registry.BUILTIN else None,
        **({"template_pack": request.pack.sha256} if request.pack is not None else {}),
        **inputs.provenance(),
        "options": request.options(),
    }


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between a lock's provenance and this run's, in words."""
    found = []
    if old.get("spec_sha256") != new["spec_sha256"]:
        found.append(f"the spec changed (sha256 {_short(old.get('spec_sha256'))} -> {_short(new['spec_sha256'])})")
    if old.get("crds") != new.get("crds"):
        found.append("the CRD manifests changed: " + _manifest_changes(old.get("crds"), new.get("crds")))
    if old.get("kgen") != new["kgen"]:
        found.append(f"kgen version changed ({old.get('kgen')} -> {new['kgen']})")
    if old.get("target") != new["target"]:
        found.append(f"target changed ({old.get('target')} -> {new['target']})")
    elif old.get("templates") != new["templates"]:
        found.append(f"the {new['target']} templates changed (sha256 {_short(old.get('templates'))} -> {_short(new['templates'])})")
    if old.get("template_pack") != new.get("template_pack"):
        found.append(f"the template pack changed (sha256 {_short(old.get('template_pack'))} -> {_short(new.get('template_pack'))})")
    old_options = old.get("options")
    if not isinstance(old_options, dict):
        old_options = {}
    differing = sorted(k for k in set(old_options) | set(new["options"]) if old_options.get(k) != new["options"].get(k))
    if differing:
        found.append("options changed: " + ", ".join(f"{k} ({old_options.get(k)!r} -> {new['options'].get(k)!r})" for k in differing))
    return found


def _manifest_changes(old: object, new: object) -> str:
    """Which manifests were added, removed or changed, by their names in kgen.lock."""
    before = {e[0]: e[1] for e in old if isinstance(e, list) and len(e) == 2} if isinstance(old, list) else {}
    after = {e[0]: e[1] for e in new if isinstance(e, list) and len(e) == 2} if isinstance(new, list) else {}
    parts = [f"{name} added" for name in sorted(set(after) - set(before))]
    parts += [f"{name} removed" for name in sorted(set(before) - set(after))]
    parts += [f"{name} (sha256 {_short(before[name])} -> {_short(after[name])})" for name in sorted(set(before) & set(after)) if before[name] != after[name]]
    return ", ".join(parts) or "recorded differently"


def _short(sha: object) -> str:
    return sha[:12] if isinstance(sha, str) else "none"
