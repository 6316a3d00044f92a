"""What one run generates, and the provenance that kgen.lock records for it.

The provenance holds every input that shapes the output: kgen's version, the
target and the hash of its template pack, the sha256 of the spec and of each
CRD manifest, and the options that change generated files. `kgen generate --check` compares it with the
lock to say what changed, and trusts an unchanged lock (see kgen.app.check).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgen import __version__
from kgen.sources.loading import Limits
from kgen.app.selection import Selection
from kgen.targets import packs, registry, tree_sha256
from kgen.sources.validation import VALIDATION_TIMEOUT

if TYPE_CHECKING:
    from kgen.sources import Inputs


@dataclass
class Request:
    spec: str | None  # a file or "-"; None with only CRDs, or from a cluster
    out: Path
    target: str = "python"
    package_name: str = "kube"
    project_name: str | None = None
    project_version: str = "0.1.0"
    lenient: bool = False
    format: bool = True
    validate: bool = True
    validation_timeout: float = VALIDATION_TIMEOUT
    limits: Limits = field(default_factory=Limits)
    selection: Selection = field(default_factory=Selection)
    crds: tuple[str, ...] = ()  # CRD manifest files and directories
    from_cluster: bool = False  # fetch the document from the kubeconfig's cluster
    kubeconfig: str | None = None
    context: str | None = None
    templates: str | None = None  # a template pack directory (kgen.targets.packs)

    def options(self) -> dict[str, Any]:
        """The options that shape generated files (limits and validation only accept or refuse input)."""
        return {
            "package_name": self.package_name,
            "project_name": self.project_name,
            "project_version": self.project_version,
            "lenient": self.lenient,
            "format": self.format,
            **self.selection.options(),
        }


def provenance(request: Request, inputs: Inputs) -> dict[str, Any]:
    """What shaped the output: recorded in kgen.lock and compared by --check."""
    return {
        "kgen": __version__,
        "target": request.target,
        "templates": tree_sha256(registry.builtin(request.target).TEMPLATES) if request.target in registry.BUILTIN else None,
        **({"template_pack": packs.read(request.templates).sha256} if request.templates else {}),
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
