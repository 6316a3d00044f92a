"""The Kubernetes definitions kgen ships (kubernetes.json), and the one command that rebuilds them.

    python -m kgen.sources.kubernetes --from $KGEN_SPECS_DIR/k8s-1.36.json

kubernetes.json is data derived from Kubernetes (Apache-2.0): every `io.k8s.*`
definition of the upstream swagger.json of one release, keys sorted and one
definition a line so a new release reads as a diff. Descriptions are dropped so
the file stays small (a quarter of the size), except apimachinery's
(ObjectMeta, ListMeta, Status, ...: a tenth of the file), which every client
of custom resources includes and documents. Schema keywords are told from property names
(a property may be called `description`), so only documentation goes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kgen.sources import KUBERNETES_RELEASE, SHIPPED
from kgen.sources.loading import load

PREFIX = "io.k8s."
DOCUMENTED = "io.k8s.apimachinery."
SUBSCHEMAS = ("items", "additionalProperties", "allOf")  # keywords whose value is a schema, a list of them, or a boolean


def build(document: Any) -> str:
    """The text of kubernetes.json made from a Kubernetes swagger.json's parsed `document`."""
    found = document.get("definitions") if isinstance(document, dict) else None
    if not isinstance(found, dict):
        raise ValueError("the document has no definitions")
    lines = [f"{_compact(name)}:{_compact(_shipped(name, found[name]))}" for name in sorted(found) if name.startswith(PREFIX)]
    info = {"title": f"Kubernetes {KUBERNETES_RELEASE} definitions kgen ships", "version": KUBERNETES_RELEASE}
    return '{"definitions":{\n' + ",\n".join(lines) + f'\n}},\n"info":{_compact(info)},"paths":{{}},"swagger":"2.0"}}\n'


def _shipped(name: str, definition: Any) -> Any:
    return definition if name.startswith(DOCUMENTED) else _undocumented(definition)


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _undocumented(schema: Any) -> Any:
    """`schema` without `description` at any depth of schemas (property names and values such as defaults kept)."""
    if isinstance(schema, list):
        return [_undocumented(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    kept = {key: value for key, value in schema.items() if key != "description"}
    if isinstance(kept.get("properties"), dict):
        kept["properties"] = {name: _undocumented(s) for name, s in kept["properties"].items()}
    for key in SUBSCHEMAS:
        if key in kept:
            kept[key] = _undocumented(kept[key])
    return kept


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kgen.sources.kubernetes", description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="source", required=True, help=f"the upstream swagger.json of Kubernetes {KUBERNETES_RELEASE}")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name(SHIPPED), help="where to write (default: the shipped file)")
    args = parser.parse_args(argv)
    args.out.write_text(build(load(args.source).data), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
