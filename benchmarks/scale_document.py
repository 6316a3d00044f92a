#!/usr/bin/env python3
"""A cluster-sized document: the shared Kubernetes 1.36 document plus synthetic CRDs, as an apiserver publishes them.

    python benchmarks/scale_document.py --crds 137 --out /tmp/cluster-137.json
    python benchmarks/scale_document.py --crds 12 --out specs.json --base ../shared/specs/k8s-1.36.json

Real clusters run 50-300 CRDs (Cluster API providers, cloud and storage operators,
service meshes), and the apiserver publishes each as two definitions whose
schemas are inline, never split by $ref: a generator names every nested object
itself, from long names (reversed group, version, kind, then each property on
the way down). The synthetic CRDs have the shapes that make this costly: groups
like `addons.cluster.x-k8s.io`, kinds of two to four words, nesting nine
objects deep (names of up to about 230 characters, as long as openapi-generator
can still write as file names), arrays of objects, maps, enums, int-or-string, preserve-unknown-fields
and descriptions of a few hundred characters, some with Markdown, quotes and
backslashes. Each CRD gets the four paths an apiserver publishes for a
namespaced custom resource, made from the document's own Deployment paths
(parameters and responses as Kubernetes writes them). A CRD has about 80 nested
objects, so 137 CRDs give about 11,000 models, 2,600 operations and 23 MB,
the size of the clusters issue 17 measured.

Deterministic: the same arguments give the same bytes on every machine.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BASE = Path(os.environ.get("KGEN_SPECS_DIR", REPO.parent / "shared" / "specs")) / "k8s-1.36.json"

WORDS = (
    "infrastructure cluster machine template reference provider control plane bootstrap configuration network"
    " subnet security group identity credentials secret load balancer health check policy rollout strategy"
    " availability zone region instance volume encryption key certificate authority endpoint observed generation"
    " replica selector label annotation taint toleration node pool scaling autoscaler upgrade version image"
    " registry mirror proxy firewall rule route table gateway peering connection bastion host access role"
    " binding permission workload addon resource managed external internal private public cidr block dns server"
    " override defaults settings options parameters limits capacity allocation surge unavailable timeout seconds"
    " interval retry backoff kubelet etcd storage snapshot backup restore schedule retention bucket object"
    " topology spread constraint affinity priority preemption quota tenant project account subscription"
).split()
VENDORS = ("x-k8s.io", "cluster.x-k8s.io", "aws.upbound.io", "azure.com", "gcp.crossplane.io", "istio.io", "kubevirt.io")
VERSIONS = ("v1alpha1", "v1alpha2", "v1alpha3", "v1beta1", "v1beta2", "v1")
TEMPLATE = ("apps", "v1", "Deployment", "deployments")  # the document's resource the CRD paths are made from
MAX_DEPTH = 9


class Schemas:
    """Random inline schemas of one CRD, drawn from one seeded generator."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.objects = 0

    def words(self, low: int, high: int) -> list[str]:
        return [self.random.choice(WORDS) for _ in range(self.random.randint(low, high))]

    def name(self) -> str:
        first, *rest = self.words(1, 2)
        return first + "".join(w.capitalize() for w in rest)

    def description(self) -> str:
        sentences = []
        for _ in range(self.random.randint(1, 5)):
            words = self.words(6, 22)
            sentences.append(" ".join(words).capitalize() + ".")
        text = " ".join(sentences)
        extra = self.random.random()
        if extra < 0.15:
            text += '\nValid values are:\n- "Always": every time.\n- `IfNotPresent`: see https://kubernetes.io/docs/concepts/.'
        elif extra < 0.2:
            text += " A path such as C:\\\\data\\\\dir or a pattern like ^[a-z]+$ is \"quoted\"."
        return text

    def object(self, depth: int) -> dict[str, Any]:
        """An object schema with nested properties; deeper levels have fewer."""
        self.objects += 1
        count = self.random.randint(2, 9) if depth < 3 else self.random.randint(1, 5)
        properties: dict[str, Any] = {}
        while len(properties) < count:
            properties[self.name()] = self.property(depth)
        schema: dict[str, Any] = {"description": self.description(), "properties": properties, "type": "object"}
        required = sorted(n for n in properties if self.random.random() < 0.2)
        if required:
            schema["required"] = required
        return schema

    def property(self, depth: int) -> dict[str, Any]:
        nest = depth < MAX_DEPTH and self.random.random() < (0.45 if depth < 4 else 0.25)
        if nest:
            kind = self.random.random()
            if kind < 0.6:
                return self.object(depth + 1)
            if kind < 0.85:
                return {"description": self.description(), "items": self.object(depth + 1), "type": "array"}
            return {"additionalProperties": self.object(depth + 1), "description": self.description(), "type": "object"}
        return self.leaf()

    def leaf(self) -> dict[str, Any]:
        kind = self.random.random()
        description = self.description()
        if kind < 0.35:
            return {"description": description, "type": "string"}
        if kind < 0.45:
            values = sorted({w.capitalize() + self.random.choice(("", "Policy", "Mode")) for w in self.words(2, 6)})
            return {"description": description, "enum": values, "type": "string"}
        if kind < 0.52:
            return {"description": description, "format": "date-time", "type": "string"}
        if kind < 0.64:
            return {"description": description, "format": self.random.choice(("int32", "int64")), "type": "integer"}
        if kind < 0.72:
            return {"description": description, "type": "boolean"}
        if kind < 0.77:
            return {"description": description, "x-kubernetes-int-or-string": True}  # v2 publishes it without anyOf
        if kind < 0.84:
            return {"additionalProperties": {"type": "string"}, "description": description, "type": "object"}
        if kind < 0.93:
            return {"description": description, "items": {"type": "string"}, "type": "array"}
        return {"description": description, "type": "object", "x-kubernetes-preserve-unknown-fields": True}


def camel(group: str) -> str:
    """The group as the apiserver spells it in operationIds: addons.cluster.x-k8s.io -> AddonsClusterXK8sIo."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", group) if part)


def crd_names(index: int, rng: random.Random) -> tuple[str, str, str, str]:
    """(group, version, kind, plural) of the CRD numbered `index`: unique, and long as real ones are."""
    kind = "".join(w.capitalize() for w in (rng.choice(WORDS) for _ in range(rng.randint(2, 4))))
    group = f"{rng.choice(WORDS)}{index}.{rng.choice(VENDORS)}"
    return group, rng.choice(VERSIONS), kind, kind.lower() + "s"


def definition_name(group: str, version: str, kind: str) -> str:
    return ".".join(reversed(group.split("."))) + f".{version}.{kind}"


def crd_definitions(group: str, version: str, kind: str, schemas: Schemas) -> dict[str, Any]:
    gvk = [{"group": group, "kind": kind, "version": version}]
    meta = "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1."
    name = definition_name(group, version, kind)
    resource = {
        "description": schemas.description(),
        "properties": {
            "apiVersion": {"description": "APIVersion defines the versioned schema of this representation of an object.", "type": "string"},
            "kind": {"description": "Kind is a string value representing the REST resource this object represents.", "type": "string"},
            "metadata": {"$ref": meta + "ObjectMeta"},
            "spec": schemas.object(1),
            "status": schemas.object(1),
        },
        "type": "object",
        "x-kubernetes-group-version-kind": gvk,
    }
    listing = {
        "description": f"{kind}List is a list of {kind}",
        "properties": {
            "apiVersion": {"type": "string"},
            "items": {"description": f"List of {kind.lower()}s.", "items": {"$ref": f"#/definitions/{name}"}, "type": "array"},
            "kind": {"type": "string"},
            "metadata": {"$ref": meta + "ListMeta"},
        },
        "required": ["items"],
        "type": "object",
        "x-kubernetes-group-version-kind": [{"group": group, "kind": f"{kind}List", "version": version}],
    }
    return {name: resource, f"{name}List": listing}


def crd_paths(base: dict[str, Any], group: str, version: str, kind: str, plural: str) -> dict[str, Any]:
    """The four path items of a namespaced custom resource, made from the template resource's."""
    t_group, t_version, t_kind, t_plural = TEMPLATE
    prefix = f"/apis/{t_group}/{t_version}"
    template = {
        "/{plural}": base["paths"][f"{prefix}/{t_plural}"],
        "/namespaces/{namespace}/{plural}": base["paths"][f"{prefix}/namespaces/{{namespace}}/{t_plural}"],
        "/namespaces/{namespace}/{plural}/{name}": base["paths"][f"{prefix}/namespaces/{{namespace}}/{t_plural}/{{name}}"],
        "/namespaces/{namespace}/{plural}/{name}/status": base["paths"][f"{prefix}/namespaces/{{namespace}}/{t_plural}/{{name}}/status"],
    }
    t_definition = f"io.k8s.api.{t_group}.{t_version}.{t_kind}"
    replacements = [
        (f"#/definitions/{t_definition}", f"#/definitions/{definition_name(group, version, kind)}"),
        (f"{camel(t_group)}{t_version.capitalize()}", f"{camel(group)}{version.capitalize()}"),
        (f"{t_group}_{t_version}", f"{camel(group)[:1].lower()}{camel(group)[1:]}_{version}"),
        (t_kind, kind),
    ]
    paths = {}
    for suffix, item in template.items():
        text = json.dumps(item)
        for old, new in replacements:
            text = text.replace(old, new)
        made = json.loads(text)
        for operation in made.values():
            if isinstance(operation, dict) and "x-kubernetes-group-version-kind" in operation:
                operation["x-kubernetes-group-version-kind"] = {"group": group, "kind": kind, "version": version}
        paths[f"/apis/{group}/{version}" + suffix.replace("{plural}", plural)] = made
    return paths


def build(base: dict[str, Any], crds: int, seed: int = 17) -> dict[str, Any]:
    """The base document with `crds` synthetic CRDs added (the base is not changed)."""
    document = copy.deepcopy(base)
    rng = random.Random(seed)
    for index in range(crds):
        group, version, kind, plural = crd_names(index, rng)
        schemas = Schemas(rng.randrange(2**32))
        document["definitions"].update(crd_definitions(group, version, kind, schemas))
        document["paths"].update(crd_paths(base, group, version, kind, plural))
    return document


def write(base_path: Path, crds: int, out: Path) -> Path:
    """Writes the document (compact JSON, as the apiserver serves it) to `out`; returns it."""
    base = json.loads(base_path.read_text("utf-8"))
    out.write_text(json.dumps(build(base, crds), separators=(",", ":"), sort_keys=True), "utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--crds", type=int, default=137, help="how many synthetic CRDs to add (default 137)")
    parser.add_argument("--base", type=Path, default=BASE, help="the Kubernetes document to add them to")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write(args.base, args.crds, args.out)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
