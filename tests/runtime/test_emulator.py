"""The generated clients against kmock's Kubernetes emulator: CRUD, paging, watch and typed errors."""

from __future__ import annotations

import asyncio
import json
import subprocess
import threading
from collections.abc import Callable
from typing import Any

import pytest

from runtime.emulator import Emulator


def _config_map(name: str, **data: str) -> Any:
    from kube.core.v1 import ConfigMap
    from kube.meta.v1 import ObjectMeta

    return ConfigMap(metadata=ObjectMeta(name=name, namespace="default"), data=data)


def _widget(name: str, size: int) -> Any:
    from kube.example_com.v1 import Widget, WidgetSpec
    from kube.meta.v1 import ObjectMeta

    return Widget(metadata=ObjectMeta(name=name, namespace="default"), spec=WidgetSpec(size=size))


def test_config_map_and_widget_lifecycle(emulator: tuple[str, Emulator]) -> None:
    from kube import Client, Conflict, NotFound
    from kube.core.v1 import ConfigMap, ConfigMapList, CoreV1Api
    from kube.example_com.v1 import ExampleComV1Api, Widget

    with Client(emulator[0]) as client:
        core, widgets = CoreV1Api(client), ExampleComV1Api(client)

        created = core.create_namespaced_config_map("default", _config_map("settings", mode="a"))
        assert isinstance(created, ConfigMap) and created.data == {"mode": "a"}
        assert core.read_namespaced_config_map("settings", "default").data == {"mode": "a"}
        listed = core.list_namespaced_config_map("default")
        assert isinstance(listed, ConfigMapList) and [c.metadata.name for c in listed.items] == ["settings"]
        replaced = core.replace_namespaced_config_map("settings", "default", _config_map("settings", mode="b"))
        assert replaced.data == {"mode": "b"}
        patched = core.patch_namespaced_config_map("settings", "default", {"data": {"extra": "1"}})
        assert patched.data == {"mode": "b", "extra": "1"}
        with pytest.raises(Conflict) as conflict:
            core.create_namespaced_config_map("default", _config_map("settings"))
        assert conflict.value.status.code == 409 and conflict.value.response.status_code == 409
        core.delete_namespaced_config_map("settings", "default")
        with pytest.raises(NotFound) as missing:
            core.read_namespaced_config_map("settings", "default")
        assert missing.value.status.kind == "Status" and missing.value.code == 404

        widget = widgets.create_namespaced_widget("default", _widget("w1", 3))
        assert isinstance(widget, Widget) and widget.spec.size == 3
        assert widgets.read_namespaced_widget("w1", "default").spec.size == 3
        assert [w.metadata.name for w in widgets.list_namespaced_widget("default").items] == ["w1"]
        assert widgets.replace_namespaced_widget("w1", "default", _widget("w1", 5)).spec.size == 5
        patched_widget = widgets.patch_namespaced_widget("w1", "default", {"spec": {"size": 7}})
        assert patched_widget.spec.size == 7
        widgets.delete_namespaced_widget("w1", "default")
        with pytest.raises(NotFound):
            widgets.read_namespaced_widget("w1", "default")
    sent = {(r.method, r.url.path) for r in list(emulator[1])}
    assert ("PUT", "/apis/example.com/v1/namespaces/default/widgets/w1") in sent


async def test_async_lifecycle(emulator: tuple[str, Emulator]) -> None:
    from kube import AsyncClient, Conflict, NotFound
    from kube.core.v1 import AsyncCoreV1Api
    from kube.example_com.v1 import AsyncExampleComV1Api

    async with AsyncClient(emulator[0]) as client:
        core, widgets = AsyncCoreV1Api(client), AsyncExampleComV1Api(client)
        await core.create_namespaced_config_map("default", _config_map("a", k="1"))
        assert (await core.read_namespaced_config_map("a", "default")).data == {"k": "1"}
        assert len((await core.list_namespaced_config_map("default")).items) == 1
        assert (await core.replace_namespaced_config_map("a", "default", _config_map("a", k="2"))).data == {"k": "2"}
        assert (await core.patch_namespaced_config_map("a", "default", {"data": {"j": "3"}})).data == {"k": "2", "j": "3"}
        with pytest.raises(Conflict):
            await core.create_namespaced_config_map("default", _config_map("a"))
        await core.delete_namespaced_config_map("a", "default")
        with pytest.raises(NotFound):
            await core.read_namespaced_config_map("a", "default")

        await widgets.create_namespaced_widget("default", _widget("w", 1))
        assert (await widgets.replace_namespaced_widget("w", "default", _widget("w", 2))).spec.size == 2
        assert (await widgets.patch_namespaced_widget("w", "default", {"spec": {"size": 4}})).spec.size == 4
        assert [w.spec.size for w in (await widgets.list_namespaced_widget("default")).items] == [4]
        await widgets.delete_namespaced_widget("w", "default")
        with pytest.raises(NotFound):
            await widgets.read_namespaced_widget("w", "default")


def test_list_across_pages(emulator: tuple[str, Emulator]) -> None:
    from kube import Client, paginate
    from kube.core.v1 import CoreV1Api

    with Client(emulator[0]) as client:
        core = CoreV1Api(client)
        for i in range(7):
            core.create_namespaced_config_map("default", _config_map(f"cm{i}"))
        first = core.list_namespaced_config_map("default", limit=3)
        assert len(first.items) == 3 and first.metadata.continue_ == "3"
        names = [c.metadata.name for c in paginate(core.list_namespaced_config_map, "default", limit=3)]
    assert names == [f"cm{i}" for i in range(7)]
    pages = [r for r in list(emulator[1]) if r.method == "GET" and "limit" in r.params]
    assert [p.params.get("continue") for p in pages[1:]] == [None, "3", "6"]


async def test_async_list_across_pages(emulator: tuple[str, Emulator]) -> None:
    from kube import AsyncClient, apaginate
    from kube.example_com.v1 import AsyncExampleComV1Api

    async with AsyncClient(emulator[0]) as client:
        widgets = AsyncExampleComV1Api(client)
        for i in range(5):
            await widgets.create_namespaced_widget("default", _widget(f"w{i}", i))
        sizes = [w.spec.size async for w in apaginate(widgets.list_namespaced_widget, "default", limit=2)]
    assert sizes == [0, 1, 2, 3, 4]


def test_watch_sees_added_modified_deleted(emulator: tuple[str, Emulator]) -> None:
    from kube import Client
    from kube.core.v1 import ConfigMap, CoreV1Api

    with Client(emulator[0]) as client:
        core = CoreV1Api(client)
        seen: list[tuple[str, str, Any]] = []
        watching = threading.Event()

        def watch() -> None:
            stream = core.watch_namespaced_config_map("default")
            watching.set()
            for event in stream:
                assert isinstance(event.object, ConfigMap)
                seen.append((event.type, event.object.metadata.name, event.object.data))
                if event.type == "DELETED":
                    return

        thread = threading.Thread(target=watch)
        thread.start()
        watching.wait(10)
        core.create_namespaced_config_map("default", _config_map("w", v="1"))
        _wait_for(lambda: len(seen) >= 1)
        core.patch_namespaced_config_map("w", "default", {"data": {"v": "2"}})
        _wait_for(lambda: len(seen) >= 2)
        core.delete_namespaced_config_map("w", "default")
        thread.join(30)
    assert [(t, n) for t, n, _ in seen] == [("ADDED", "w"), ("MODIFIED", "w"), ("DELETED", "w")]
    assert seen[1][2] == {"v": "2"}
    watches = [r for r in list(emulator[1]) if r.params.get("watch") == "true"]
    assert watches and watches[0].params.get("allowWatchBookmarks") == "true"


async def test_async_watch_sees_added_modified_deleted(emulator: tuple[str, Emulator]) -> None:
    from kube import AsyncClient
    from kube.example_com.v1 import AsyncExampleComV1Api

    async with AsyncClient(emulator[0]) as client:
        widgets = AsyncExampleComV1Api(client)
        seen: list[tuple[str, int]] = []

        async def watch() -> None:
            async for event in widgets.watch_namespaced_widget("default"):
                seen.append((event.type, event.object.spec.size))
                if event.type == "DELETED":
                    return

        task = asyncio.create_task(watch())
        await _await_requests(emulator[1], lambda r: r.params.get("watch") == "true")
        await widgets.create_namespaced_widget("default", _widget("x", 1))
        await _until(lambda: len(seen) >= 1)
        await widgets.patch_namespaced_widget("x", "default", {"spec": {"size": 2}})
        await _until(lambda: len(seen) >= 2)
        await widgets.delete_namespaced_widget("x", "default")
        await asyncio.wait_for(task, 30)
    assert seen == [("ADDED", 1), ("MODIFIED", 2), ("DELETED", 2)]


def _wait_for(condition: Any) -> None:
    done = threading.Event()
    for _ in range(3000):
        if condition():
            return
        done.wait(0.01)
    raise AssertionError("condition not reached")


async def _until(condition: Any) -> None:
    for _ in range(3000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not reached")


async def _await_requests(emulator: Emulator, match: Any) -> None:
    await _until(lambda: any(match(r) for r in list(emulator)))


# A ConfigMap as a newer server sends it: members this client's models lack at three depths
# (the object, a field, a field of a list item of a field).
NEWER_CONFIG_MAP = {
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {
        "name": "newer",
        "namespace": "default",
        "futureMeta": {"shard": 3},
        "ownerReferences": [
            {"apiVersion": "v1", "kind": "Secret", "name": "a", "uid": "1", "futureOwner": ["x", 1]},
            {"apiVersion": "v1", "kind": "Secret", "name": "b", "uid": "2"},
        ],
    },
    "data": {"mode": "a"},
    "futureTop": {"nested": {"deep": True}},
}


def unknown_members(obj: dict[str, Any]) -> tuple[Any, Any, Any]:
    meta = obj["metadata"]
    owners = {o["name"]: o for o in meta["ownerReferences"]}
    return obj.get("futureTop"), meta.get("futureMeta"), owners["a"].get("futureOwner")


def read_modify_replace(emulator: tuple[str, Emulator], program: Callable[[str], subprocess.CompletedProcess[str]]) -> None:
    """`program(url)` (the Go or Java unknown-fields program) replaces "newer", read and then listed: every unknown member comes back."""
    import httpx

    url = emulator[0] + "/api/v1/namespaces/default/configmaps"
    httpx.post(url, json=NEWER_CONFIG_MAP).raise_for_status()
    result = program(emulator[0])
    assert result.returncode == 0, result.stderr[-4000:]
    assert result.stdout.splitlines() == ["replaced", "replaced item"]
    stored = httpx.get(url + "/newer").json()
    assert stored["data"] == {"mode": "c"}
    assert [o["name"] for o in stored["metadata"]["ownerReferences"]] == ["c", "a", "b"]
    assert unknown_members(stored) == unknown_members(NEWER_CONFIG_MAP)
    replaces = [json.loads(r.body) for r in emulator[1] if r.method == "PUT"]
    assert len(replaces) == 2 and all(unknown_members(body) == unknown_members(NEWER_CONFIG_MAP) for body in replaces)


def test_unknown_fields_survive_read_modify_replace(emulator: tuple[str, Emulator]) -> None:
    """A read, a list item and a watch event, each modified and replaced: the server gets back every member it sent."""
    import httpx
    from kube import Client
    from kube.core.v1 import CoreV1Api
    from kube.meta.v1 import OwnerReference

    url = emulator[0] + "/api/v1/namespaces/default/configmaps"
    expected = unknown_members(NEWER_CONFIG_MAP)
    with Client(emulator[0]) as client:
        core = CoreV1Api(client)
        httpx.post(url, json=NEWER_CONFIG_MAP).raise_for_status()

        read = core.read_namespaced_config_map("newer", "default")
        read.data = {"mode": "b"}
        read.metadata.owner_references.insert(0, OwnerReference(api_version="v1", kind="Secret", name="c", uid="3"))
        replaced = core.replace_namespaced_config_map("newer", "default", read)
        stored = httpx.get(url + "/newer").json()
        assert stored["data"] == {"mode": "b"} and replaced.data == {"mode": "b"}
        assert [o["name"] for o in stored["metadata"]["ownerReferences"]] == ["c", "a", "b"]
        assert unknown_members(stored) == expected

        item = core.list_namespaced_config_map("default").items[0]
        item.data = {"mode": "c"}
        core.replace_namespaced_config_map("newer", "default", item)
        stored = httpx.get(url + "/newer").json()
        assert stored["data"] == {"mode": "c"} and unknown_members(stored) == expected

        events = iter(core.watch_namespaced_config_map("default", timeout_seconds=5))
        event = next(events)
        event.object.data = {"mode": "d"}
        core.replace_namespaced_config_map("newer", "default", event.object)
        stored = httpx.get(url + "/newer").json()
        assert stored["data"] == {"mode": "d"} and unknown_members(stored) == expected
        events.close()


def test_objects_built_in_code_send_only_their_fields() -> None:
    """Nothing is added to an object the program built, and a known field set to None stays out."""
    from kube._runtime.model import decode, encode
    from kube.core.v1 import ConfigMap
    from kube.meta.v1 import ObjectMeta

    assert json.loads(encode(ConfigMap(metadata=ObjectMeta(name="x"), data={"k": "v"}))) == {
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"k": "v"},
    }  # fmt: skip
    decoded = decode(ConfigMap, json.dumps(NEWER_CONFIG_MAP))
    decoded.data = None
    sent = json.loads(encode(decoded))
    assert "data" not in sent and unknown_members(sent) == unknown_members(NEWER_CONFIG_MAP)


def test_a_misspelled_option_is_a_type_error(emulator: tuple[str, Emulator]) -> None:
    """As in the official client: a keyword the operation does not take is refused before anything is sent."""
    from kube import Client
    from kube.core.v1 import CoreV1Api

    with Client(emulator[0]) as client:
        core = CoreV1Api(client)
        with pytest.raises(TypeError, match="unexpected keyword argument 'label_selectr'; did you mean 'label_selector'"):
            core.list_namespaced_config_map("default", label_selectr="app=web")  # type: ignore[call-arg]
        with pytest.raises(TypeError, match="'watch_everything'"):
            next(iter(core.watch_namespaced_config_map("default", watch_everything=True)))  # type: ignore[call-arg]
        assert core.list_namespaced_config_map("default", label_selector="app=web", limit=5).items == []
    assert not [r for r in emulator[1] if "labelSelectr" in r.params or "watchEverything" in r.params]
