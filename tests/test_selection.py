"""--groups / --exclude-groups: patterns, the select_groups pass, and a selected package that imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DEMO, generate, import_all, run_kgen

from kgen.app.pipeline import build_api
from kgen.app.request import Request
from kgen.app.selection import Pattern, Selection, canonical
from kgen.diagnostics import KgenError, Level
from kgen.ir.model import Api, Unit
from kgen.ir.walk import referenced_models
from kgen.words import group_words


def _unit(group: str | None, version: str | None = None, path: tuple = ()) -> Unit:
    if group is not None:
        path = (group_words(group),) + (((version,),) if version else ())
    return Unit(path, group, version)


@pytest.mark.parametrize(
    ("pattern", "unit", "expected"),
    [
        ("core/v1", _unit("", "v1"), True),
        ("core", _unit("", "v1"), True),
        ("core/v2", _unit("", "v1"), False),
        ("apps/v1", _unit("apps", "v1"), True),
        ("apps/v1", _unit("apps"), False),  # the group's own unit comes with a kept version, not by this pattern
        ("apps/*", _unit("apps"), True),
        ("apps", _unit("apps"), True),
        ("cert-manager.io/*", _unit("cert-manager.io", "v1"), True),
        ("*.k8s.io/v1", _unit("networking.k8s.io", "v1"), True),
        ("*.k8s.io/v1", _unit("apps", "v1"), False),
        ("apps/v1beta?", _unit("apps", "v1beta2"), True),
        ("version", _unit(None, path=(("version",),)), True),
        ("version/*", _unit(None, path=(("version",),)), False),
        ("well-known", _unit(None, path=(("well", "known"),)), True),
        ("Apps/v1", _unit("apps", "v1"), False),
    ],
)
def test_pattern_matches(pattern: str, unit: Unit, expected: bool) -> None:
    assert Pattern.parse(pattern).matches(unit) is expected


@pytest.mark.parametrize(("text", "message"), [("/v1", "core"), ("apps/", "no version"), ("a b/v1", "not GROUP"), ("apps/v1/x", "not GROUP"), ("apps\n/v1", "not GROUP")])
def test_pattern_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Pattern.parse(text)


def test_selection_splits_commas_drops_duplicates_and_records_sorted() -> None:
    selection = Selection.parse(["core/v1,apps/v1", " apps/v1 ,"], ["x.io"])
    assert [str(p) for p in selection.include] == ["core/v1", "apps/v1"]
    assert canonical(["core/v1,apps/v1", " apps/v1 ,"]) == ["apps/v1", "core/v1"]
    assert not Selection.parse([], [])


def _op(op_id: str, action: str | None, ref: str | None, tag: str) -> dict:
    op: dict = {"operationId": op_id, "tags": [tag], "responses": {"200": {"description": "OK"}}}
    if ref:
        op["responses"]["200"]["schema"] = {"$ref": f"#/definitions/{ref}"}
    if action:
        op["x-kubernetes-action"] = action
    if ref and action:
        group, version = ("", "v1") if "core" in ref else (ref.split(".")[3], ref.split(".")[4])
        op["x-kubernetes-group-version-kind"] = {"group": group, "version": version, "kind": ref.rsplit(".", 1)[-1]}
    return op


def _definition(gvk: tuple[str, str, str] | None = None, **refs: str) -> dict:
    schema: dict = {"type": "object", "properties": {k: {"$ref": f"#/definitions/{v}"} for k, v in refs.items()}}
    schema["properties"]["name"] = {"type": "string"}
    if gvk:
        schema["properties"].update(apiVersion={"type": "string"}, kind={"type": "string"})
        schema["x-kubernetes-group-version-kind"] = [dict(zip(("group", "version", "kind"), gvk))]
    return schema


# apps/v1 Deployment refers to core/v1 PodSpec, which refers to meta/v1 ObjectMeta; batch/v1 Job is unrelated.
SPEC = {
    "swagger": "2.0",
    "info": {"title": "selection", "version": "1"},
    "paths": {
        "/api/": {"get": _op("getCoreAPIVersions", None, None, "core")},
        "/api/v1/pods": {"get": _op("listCoreV1Pod", "list", "io.k8s.api.core.v1.Pod", "core_v1")},
        "/apis/apps/": {"get": _op("getAppsAPIGroup", None, None, "apps")},
        "/apis/apps/v1/deployments": {"get": _op("listAppsV1Deployment", "list", "io.k8s.api.apps.v1.Deployment", "apps_v1")},
        "/apis/batch/": {"get": _op("getBatchAPIGroup", None, None, "batch")},
        "/apis/batch/v1/jobs": {"get": _op("listBatchV1Job", "list", "io.k8s.api.batch.v1.Job", "batch_v1")},
        "/version/": {"get": _op("getCodeVersion", None, "io.k8s.apimachinery.pkg.version.Info", "version")},
    },
    "definitions": {
        "io.k8s.api.apps.v1.Deployment": _definition(("apps", "v1", "Deployment"), spec="io.k8s.api.core.v1.PodSpec"),
        "io.k8s.api.batch.v1.Job": _definition(("batch", "v1", "Job"), metadata="io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"),
        "io.k8s.api.core.v1.Pod": _definition(("", "v1", "Pod"), spec="io.k8s.api.core.v1.PodSpec"),
        "io.k8s.api.core.v1.PodSpec": _definition(metadata="io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"),
        "io.k8s.api.core.v1.Unused": _definition(),
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": _definition(),
        "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta": _definition(),
        "io.k8s.apimachinery.pkg.version.Info": _definition(),
    },
}


def _api(tmp_path: Path, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> tuple[Api, list]:
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(SPEC))
    request = Request(str(spec), tmp_path / "out", validate=False, groups=tuple(include), exclude_groups=tuple(exclude))
    return build_api(request)


def _short(key: str) -> str:
    return key.rsplit(".", 1)[-1]


def test_models_referenced_across_groups_come_along(tmp_path: Path) -> None:
    api, _ = _api(tmp_path, ["apps/v1"])
    assert sorted(_short(k) for k in api.models) == ["Deployment", "ObjectMeta", "PodSpec"]
    assert {o.id for o in api.operations} == {"listAppsV1Deployment", "getAppsAPIGroup"}
    assert {(u.group, u.version) for u in api.units} == {("apps", "v1"), ("apps", None), ("", "v1"), ("meta", "v1")}


def test_every_reference_of_a_selection_resolves(tmp_path: Path) -> None:
    for include in (["core/v1"], ["apps/*"], ["batch"], ["version"], ["core", "batch/v1"]):
        api, _ = _api(tmp_path, include)
        types = [f.type for m in api.models.values() for f in m.fields]
        types += [p.type for o in api.operations for p in o.params] + [o.returns.type for o in api.operations]
        assert set(referenced_models(types)) <= set(api.models), include


def test_a_kept_unit_keeps_all_its_models(tmp_path: Path) -> None:
    api, _ = _api(tmp_path, ["core/v1"])
    assert "io.k8s.api.core.v1.Unused" in api.models
    assert "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta" not in api.models  # meta/v1 only as far as needed
    assert {o.id for o in api.operations} == {"listCoreV1Pod", "getCoreAPIVersions"}


def test_units_outside_every_group_only_when_named(tmp_path: Path) -> None:
    api, _ = _api(tmp_path, ["core/v1"])
    assert "getCodeVersion" not in {o.id for o in api.operations}
    api, _ = _api(tmp_path, ["core/v1", "version"])
    assert "getCodeVersion" in {o.id for o in api.operations}


def test_exclude_alone_keeps_the_rest(tmp_path: Path) -> None:
    api, _ = _api(tmp_path, exclude=["batch/*"])
    ids = {o.id for o in api.operations}
    assert "listBatchV1Job" not in ids and "getBatchAPIGroup" not in ids
    assert {"listAppsV1Deployment", "getCodeVersion", "getCoreAPIVersions"} <= ids
    assert "io.k8s.api.batch.v1.Job" not in api.models


def test_excluding_a_group_that_others_need_keeps_what_they_need(tmp_path: Path) -> None:
    api, _ = _api(tmp_path, ["apps/v1"], ["core"])
    assert "io.k8s.api.core.v1.PodSpec" in api.models  # needed by Deployment
    assert "io.k8s.api.core.v1.Pod" not in api.models and "listCoreV1Pod" not in {o.id for o in api.operations}


def test_an_include_matching_nothing_is_an_error_naming_what_exists(tmp_path: Path) -> None:
    with pytest.raises(KgenError) as caught:
        _api(tmp_path, ["apps/v2"])
    (error,) = caught.value.diagnostics
    assert error.level is Level.ERROR and "'apps/v2' matches nothing" in error.message
    assert "apps/v1" in error.hint and "kgen list" in error.hint


def test_an_exclude_matching_nothing_is_a_warning(tmp_path: Path) -> None:
    api, warnings = _api(tmp_path, ["apps/v1"], ["policy/*"])
    assert [w.level for w in warnings] == [Level.WARNING] and "'policy/*'" in warnings[0].message
    assert api.operations


def test_resources_follow_the_selection(tmp_path: Path) -> None:
    api, _ = _api(tmp_path, ["core/v1"])
    assert [(r.gvk.group, r.gvk.kind) for r in api.resources] == [("", "Pod")]


def test_selected_demo_package_imports_without_the_rest(tmp_path: Path) -> None:
    out = generate(DEMO, tmp_path / "out", "--groups", "apps/v1")
    assert (out / "kube" / "apps" / "v1" / "api.py").is_file()
    assert not (out / "kube" / "example_com").exists() and not (out / "kube" / "core" / "v1" / "api.py").exists()
    assert (out / "kube" / "core" / "v1" / "models.py").is_file()  # PodTemplateSpec and friends
    result = import_all(out)
    assert result.returncode == 0, result.stderr
    lock = json.loads((out / "kgen.lock").read_text())
    assert lock["options"]["groups"] == ["apps/v1"] and lock["options"]["exclude_groups"] == []


def test_selection_errors_exit_2_and_write_nothing(tmp_path: Path) -> None:
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(tmp_path / "out"), "--groups", "nope/v1")
    assert result.returncode == 2 and "'nope/v1' matches nothing" in result.stderr
    assert not (tmp_path / "out").exists()
    result = run_kgen("generate", "--spec", str(DEMO), "--out", str(tmp_path / "out"), "--groups", "/v1")
    assert result.returncode == 2 and "--groups" in result.stderr and "core" in result.stderr
