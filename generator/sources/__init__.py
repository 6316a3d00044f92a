"""Where a run's document comes from: a Swagger file, a live cluster, and CRD manifests joined to either.

Inputs are read once per run. Their hashes are the provenance kgen.lock
records and `--check` compares, so a changed manifest is noticed like a
changed spec. CRD manifests join the --spec (or cluster) document; without
one they join kgen's own apimachinery definitions (apimachinery.json: the
ObjectMeta, ListMeta, Status, DeleteOptions, Patch, Scale, ... that custom
resources use, written for kgen). With a document, the definitions it lacks
and the CRD routes need are taken from that set.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Container
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from kgen.diagnostics import Diagnostic, Origins
from kgen.loading import Document, Limits, parse, read_bytes
from kgen.sources import crd

if TYPE_CHECKING:
    from kgen.request import Request

SHIPPED = "apimachinery.json"
SHIPPED_SOURCE = "<kgen apimachinery definitions>"


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
    spec, warnings = None, ()
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
    base = parse(inputs.spec[1], inputs.spec[0], limits) if inputs.spec is not None else shipped()
    if not inputs.crds or not isinstance(base.data, dict):
        return base, Origins(), list(inputs.warnings)
    published = crd.publish(inputs.crds, base.data, base.source, limits)
    data = join(base.data, published)
    added = json.dumps([published.definitions, published.paths], sort_keys=True, separators=(",", ":"))
    sha = _sha256(f"kgen document with CRDs\0{base.sha256}\0{added}".encode())
    return Document(base.source, data, sha), published.origins, [*inputs.warnings, *published.warnings]


def shipped() -> Document:
    raw = resources.files("kgen.sources").joinpath(SHIPPED).read_bytes()
    return parse(raw, SHIPPED_SOURCE)


def join(base: dict[str, Any], published: crd.Published) -> dict[str, Any]:
    """`base` with the published definitions and paths, and the shipped definitions they need that it lacks."""
    definitions = dict(base.get("definitions") or {})
    library = shipped().data["definitions"]
    for name in shipped_closure(sorted(crd.required_definitions(published) - set(definitions)), definitions):
        definitions[name] = library[name]
    definitions.update(published.definitions)
    paths = dict(base.get("paths") or {})
    paths.update(published.paths)
    return {**base, "definitions": definitions, "paths": paths}


def shipped_closure(names: list[str], have: Container[str]) -> list[str]:
    """The shipped definitions among `names` that `have` lacks, with those they refer to, in the order found.

    A name the shipped set lacks is left out: it stays missing, and the reference check reports it.
    """
    library = shipped().data["definitions"]
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
