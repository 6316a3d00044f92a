"""The skeleton target (tests/packs/jsonschema): a target from outside kgen, through the protocol and a pack.

It generates the demo spec as JSON Schema; every file must be a valid
2020-12 schema, every model of the IR must be where model_locations says,
and every $ref must resolve.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import referencing
from conftest import DEMO, run_kgen
from referencing.jsonschema import DRAFT202012

from kgen.app.pipeline import build_api
from kgen.app.request import Request
from kgen.targets import packs, registry

PACK = Path(__file__).parent / "packs" / "jsonschema"


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("jsonschema")
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(out), "--templates", str(PACK))
    assert result.returncode == 0, result.stderr
    assert json.loads((out / "kgen.lock").read_text("utf-8"))["target"] == "jsonschema"
    return {p.name: json.loads(p.read_text("utf-8")) for p in out.glob("*.schema.json")}


def test_every_file_is_a_valid_schema(schemas: dict[str, dict]) -> None:
    assert schemas
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_every_model_is_where_model_locations_says(schemas: dict[str, dict]) -> None:
    api, _ = build_api(Request(spec=str(DEMO), out=Path("unused")))
    target = registry.of_pack(packs.read(PACK))
    locations = target.model_locations(api, "kube")
    assert sorted(locations) == sorted(api.models)
    for key, (file, name) in locations.items():
        assert name in schemas[file]["$defs"], key
    assert sum(len(s["$defs"]) for s in schemas.values()) == len(api.models)


def test_every_ref_resolves(schemas: dict[str, dict]) -> None:
    store = referencing.Registry().with_resources((name, DRAFT202012.create_resource(s)) for name, s in schemas.items())
    refs = [(name, ref) for name, schema in schemas.items() for ref in _refs(schema)]
    assert refs
    for name, ref in refs:
        store.resolver(base_uri=name).lookup(ref)


def test_an_object_is_checked_against_its_model(schemas: dict[str, dict]) -> None:
    store = referencing.Registry().with_resources((name, DRAFT202012.create_resource(s)) for name, s in schemas.items())
    config_map = {"$ref": "core-v1.schema.json#/$defs/io.k8s.api.core.v1.ConfigMap"}
    validator = jsonschema.Draft202012Validator(config_map, registry=store)
    assert validator.is_valid({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "v"}})
    assert not validator.is_valid({"data": {"k": 1}})
    assert not validator.is_valid({"metadata": {"name": 1}})


def _refs(value: object) -> list[str]:
    if isinstance(value, dict):
        return ([value["$ref"]] if "$ref" in value else []) + [r for v in value.values() for r in _refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in _refs(v)]
    return []
