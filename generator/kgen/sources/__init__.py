"""Where a run's document comes from: a Swagger file, a live cluster, and CRD manifests joined to either.

Inputs are read once per run. Their hashes are the provenance kgen.lock
records and `--check` compares, so a changed manifest is noticed like a
changed spec. CRD manifests join the --spec (or cluster) document, or without
one a document of their own. Either way the Kubernetes definitions they use
and the document lacks (ObjectMeta, ListMeta, Status, DeleteOptions, Patch,
Scale, ...) are taken from those kgen ships (kubernetes.json, see
kgen.sources.kubernetes), with the definitions these refer to.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Container
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from kgen.diagnostics import Diagnostic, Origins
from kgen.sources import crd
from kgen.sources.loading import Document, Limits, parse, read_bytes

if TYPE_CHECKING:
    from kgen.app.request import Request

KUBERNETES_RELEASE = "1.36"
SHIPPED = "kubernetes.json"  # built by kgen.sources.kubernetes
SHIPPED_SOURCE = f"<kgen's Kubernetes {KUBERNETES_RELEASE} definitions>"


@dataclass(frozen=True)
class Inputs:
    """The raw inputs of one run."""

    spec: tuple[str, bytes] | None  # (source name, document), from --spec or the cluster
    crds: tuple[crd.ManifestFile, ...] = ()
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)  # about fetching

    def provenance(self) -> dict[str, Any]:
        """The inputs' hashes, as kgen.lock records them (CRDs only when there are some)."""
        found: dict[str, Any] = {"spec_sha256": _sha256(self.spec[1]) if self.spec is not None else None}
        if self.crds:
            found["crds"] = sorted([f.name, _sha256(f.raw)] for f in self.crds)
        return found


def read(request: Request) -> Inputs:
    """Read (or fetch) everything the request names."""
    spec = None
    warnings: tuple[Diagnostic, ...] = ()
    if request.from_cluster:
        from kgen.sources.cluster import fetch_document

        fetched = fetch_document(request.kubeconfig, request.context, request.limits)
        spec, warnings = (fetched.source, fetched.raw), fetched.warnings
    elif request.spec is not None:
        spec = read_bytes(request.spec, request.limits)
    manifests = tuple(crd.find_manifests(request.crds, request.limits)) if request.crds else ()
    return Inputs(spec, manifests, warnings)


def document(inputs: Inputs, limits: Limits = Limits()) -> tuple[Document, Origins, list[Diagnostic]]:
    """The document to generate from; the origins of the parts CRD manifests added; warnings about the manifests."""
    base = parse(inputs.spec[1], inputs.spec[0], limits) if inputs.spec is not None else _custom_resources()
    if not inputs.crds or not isinstance(base.data, dict):
        return base, Origins(), list(inputs.warnings)
    published = crd.publish(inputs.crds, base.data, base.source, limits)
    data = join(base.data, published)
    added = json.dumps([published.definitions, published.paths], sort_keys=True, separators=(",", ":"))
    sha = _sha256(f"kgen document with CRDs\0{base.sha256}\0{added}".encode())
    return Document(base.source, data, sha, base.duplicates), published.origins, [*inputs.warnings, *published.warnings]


def shipped() -> Document:
    """The Kubernetes definitions kgen ships, parsed anew: callers may keep parts of them in their document."""
    return parse(_shipped_bytes(), SHIPPED_SOURCE)


def _shipped_bytes() -> bytes:
    return resources.files("kgen.sources").joinpath(SHIPPED).read_bytes()


def _custom_resources() -> Document:
    """The document CRD manifests join without a --spec: empty, for `join` adds the shipped definitions they use.

    It is hashed as the shipped file, which those definitions come from.
    """
    data = {"definitions": {}, "info": {"title": "Kubernetes custom resources", "version": "unversioned"}, "paths": {}, "swagger": "2.0"}
    return Document(SHIPPED_SOURCE, data, _sha256(_shipped_bytes()))


def join(base: dict[str, Any], published: crd.Published) -> dict[str, Any]:
    """`base` with the published definitions and paths, and the shipped definitions they need that it lacks."""
    definitions = dict(base.get("definitions") or {})
    library = shipped().data["definitions"]
    for name in shipped_closure(sorted(crd.required_definitions(published) - set(definitions)), definitions, library):
        definitions[name] = library[name]
    definitions.update(published.definitions)
    paths = dict(base.get("paths") or {})
    paths.update(published.paths)
    return {**base, "definitions": definitions, "paths": paths}


def shipped_closure(names: list[str], have: Container[str], library: dict[str, Any]) -> list[str]:
    """The definitions of `library` (the shipped ones) among `names` that `have` lacks, with those they refer to, in the order found.

    A name the library lacks is left out: it stays missing, and the reference check reports it.
    """
    found: list[str] = []
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in have or name in found or name not in library:
            continue
        found.append(name)
        pending.extend(crd.references(library[name]))
    return found


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
