"""The generated Python client, sync and async, against the real kube-apiserver.

Every test works in a namespace of its own. Arguments are passed by keyword,
so the tests hold whichever positional order the methods take. ConfigMaps are
served from the watch cache (bookmarks); Secrets are not (the server is
started with secrets#0), so compacting etcd expires their continue tokens and
watch versions at once, as it does for any resource once the cache catches up.
"""

from __future__ import annotations

import itertools
import json
import queue
import threading
import time
import warnings
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import httpx
import msgspec
import pytest

from apiserver.cluster import Cluster

_namespaces = itertools.count()
WAIT = 30.0  # for an event the server owes a watch


class Recording(httpx.HTTPTransport):
    """The TLS transport the client would use, keeping the query of each request."""

    def __init__(self, server: Cluster) -> None:
        super().__init__(verify=server.ssl_context())
        self.queries: list[dict[str, str]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.queries.append(dict(request.url.params))
        return super().handle_request(request)


@pytest.fixture()
def client(server: Cluster, python_client: ModuleType) -> Iterator[Any]:
    with python_client.Client.from_kubeconfig(server.kubeconfig) as client:
        yield client


@pytest.fixture()
def ns(client: Any) -> str:
    from live.core.v1 import CoreV1Api, Namespace
    from live.meta.v1 import ObjectMeta

    name = f"py-{next(_namespaces)}"
    CoreV1Api(client).create_namespace(body=Namespace(metadata=ObjectMeta(name=name)))
    return name


def config_map(name: str, labels: dict[str, str] | None = None, **data: str) -> Any:
    from live.core.v1 import ConfigMap
    from live.meta.v1 import ObjectMeta

    return ConfigMap(metadata=ObjectMeta(name=name, labels=labels), data=data)


def names(listed: Any) -> list[str]:
    return [item.metadata.name for item in listed.items]


def test_create_get_and_list_with_label_and_field_selectors(client: Any, ns: str) -> None:
    from live import NotFound
    from live.core.v1 import CoreV1Api

    core = CoreV1Api(client)
    for name, tier in (("a", "web"), ("b", "web"), ("c", "db")):
        created = core.create_namespaced_config_map(namespace=ns, body=config_map(name, {"tier": tier}, n=name))
        assert created.metadata.uid and created.metadata.resource_version and created.metadata.namespace == ns
    got = core.read_namespaced_config_map(name="a", namespace=ns)
    assert got.data == {"n": "a"} and got.metadata.labels == {"tier": "web"}
    assert names(core.list_namespaced_config_map(namespace=ns, label_selector="tier=web")) == ["a", "b"]
    assert names(core.list_namespaced_config_map(namespace=ns, label_selector="tier notin (web)")) == ["c"]
    assert names(core.list_namespaced_config_map(namespace=ns, field_selector="metadata.name=b")) == ["b"]
    assert names(core.list_namespaced_config_map(namespace=ns, field_selector="metadata.name!=b")) == ["a", "c"]
    with pytest.raises(NotFound) as missing:
        core.read_namespaced_config_map(name="nothing", namespace=ns)
    assert missing.value.code == 404 and missing.value.reason == "NotFound" and missing.value.status.details.name == "nothing"


def test_replace_with_a_stale_resource_version_is_a_conflict(client: Any, ns: str) -> None:
    from live import Conflict
    from live.core.v1 import CoreV1Api

    core = CoreV1Api(client)
    stale = core.create_namespaced_config_map(namespace=ns, body=config_map("cm", v="1"))
    fresh = core.read_namespaced_config_map(name="cm", namespace=ns)
    replaced = core.replace_namespaced_config_map(name="cm", namespace=ns, body=msgspec.structs.replace(fresh, data={"v": "2"}))
    assert replaced.data == {"v": "2"} and int(replaced.metadata.resource_version) > int(stale.metadata.resource_version)
    with pytest.raises(Conflict) as conflict:
        core.replace_namespaced_config_map(name="cm", namespace=ns, body=msgspec.structs.replace(stale, data={"v": "3"}))
    assert conflict.value.code == 409 and conflict.value.reason == "Conflict"
    assert "the object has been modified" in conflict.value.status.message
    assert core.read_namespaced_config_map(name="cm", namespace=ns).data == {"v": "2"}


def _deployment(name: str, containers: dict[str, str]) -> Any:
    from live.apps.v1 import Deployment, DeploymentSpec
    from live.core.v1 import Container, PodSpec, PodTemplateSpec
    from live.meta.v1 import LabelSelector, ObjectMeta

    labels = {"app": name}
    template = PodTemplateSpec(metadata=ObjectMeta(labels=labels), spec=PodSpec(containers=[Container(name=n, image=i) for n, i in containers.items()]))
    return Deployment(metadata=ObjectMeta(name=name), spec=DeploymentSpec(selector=LabelSelector(match_labels=labels), template=template))


def test_merge_json_and_strategic_patches(client: Any, ns: str) -> None:
    from live.apps.v1 import AppsV1Api
    from live.core.v1 import CoreV1Api

    core, apps = CoreV1Api(client), AppsV1Api(client)
    core.create_namespaced_config_map(namespace=ns, body=config_map("cm", a="1"))
    merged = core.patch_namespaced_config_map(name="cm", namespace=ns, body={"data": {"b": "2"}})
    assert merged.data == {"a": "1", "b": "2"}
    patched = core.patch_namespaced_config_map(
        name="cm", namespace=ns, body=[{"op": "replace", "path": "/data/a", "value": "9"}, {"op": "remove", "path": "/data/b"}], patch_type="json"
    )
    assert patched.data == {"a": "9"}

    apps.create_namespaced_deployment(namespace=ns, body=_deployment("web", {"app": "app:1", "sidecar": "sidecar:1"}))
    change = {"spec": {"template": {"spec": {"containers": [{"name": "app", "image": "app:2"}]}}}}
    strategic = apps.patch_namespaced_deployment(name="web", namespace=ns, body=change, patch_type="strategic")
    containers = strategic.spec.template.spec.containers
    assert [(c.name, c.image) for c in containers] == [("app", "app:2"), ("sidecar", "sidecar:1")]  # merged by name
    replaced = apps.patch_namespaced_deployment(name="web", namespace=ns, body=change, patch_type="merge")
    assert [(c.name, c.image) for c in replaced.spec.template.spec.containers] == [("app", "app:2")]  # a merge patch replaces lists


def test_server_side_apply_conflict_then_force(client: Any, ns: str) -> None:
    from live import Conflict
    from live.core.v1 import CoreV1Api

    core = CoreV1Api(client)

    def apply(manager: str, owner: str, **query: Any) -> Any:
        body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "applied"}, "data": {"owner": owner}}
        return core.patch_namespaced_config_map(name="applied", namespace=ns, body=body, patch_type="apply", field_manager=manager, **query)

    assert apply("alice", "alice").data == {"owner": "alice"}
    with pytest.raises(Conflict) as conflict:
        apply("bob", "bob")
    causes = conflict.value.status.details.causes
    assert [(c.reason, c.field) for c in causes] == [("FieldManagerConflict", ".data.owner")]
    assert 'conflict with "alice"' in causes[0].message
    forced = apply("bob", "bob", force=True)
    assert forced.data == {"owner": "bob"}
    owners = {entry.manager: entry.fields_v1 for entry in forced.metadata.managed_fields if entry.operation == "Apply"}
    assert "f:owner" in msgspec.json.encode(owners["bob"]).decode() and "alice" not in owners


def test_dry_run_changes_nothing(client: Any, ns: str) -> None:
    from live import NotFound
    from live.core.v1 import CoreV1Api

    core = CoreV1Api(client)
    planned = core.create_namespaced_config_map(namespace=ns, body=config_map("planned", v="1"), dry_run="All")
    assert planned.metadata.name == "planned" and planned.data == {"v": "1"}
    with pytest.raises(NotFound):
        core.read_namespaced_config_map(name="planned", namespace=ns)
    core.create_namespaced_config_map(namespace=ns, body=config_map("real", v="1"))
    assert core.patch_namespaced_config_map(name="real", namespace=ns, body={"data": {"v": "2"}}, dry_run="All").data == {"v": "2"}
    core.delete_namespaced_config_map(name="real", namespace=ns, dry_run="All")
    assert core.read_namespaced_config_map(name="real", namespace=ns).data == {"v": "1"}


def test_invalid_objects_and_strict_field_validation_report_their_causes(client: Any, ns: str) -> None:
    from live import ApiWarning, Invalid
    from live.core.v1 import CoreV1Api

    core = CoreV1Api(client)
    with pytest.raises(Invalid) as invalid:
        core.create_namespaced_config_map(namespace=ns, body=config_map("Not_A_Name"))
    assert invalid.value.code == 422
    assert [(c.reason, c.field) for c in invalid.value.status.details.causes] == [("FieldValueInvalid", "metadata.name")]

    core.create_namespaced_config_map(namespace=ns, body=config_map("cm", a="1"))
    unknown = {"data": {"a": "2"}, "spex": {"replicas": 1}}
    with pytest.raises(Invalid) as strict:
        core.patch_namespaced_config_map(name="cm", namespace=ns, body=unknown, field_validation="Strict")
    [cause] = strict.value.status.details.causes
    assert cause.field == "patch" and 'unknown field "spex"' in cause.message
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warned = core.patch_namespaced_config_map(name="cm", namespace=ns, body=unknown, field_validation="Warn")
    assert warned.data == {"a": "2"}
    assert any(w.category is ApiWarning and 'unknown field "spex"' in str(w.message) for w in caught)


def test_delete_with_preconditions(client: Any, ns: str) -> None:
    from live import Conflict, NotFound
    from live.core.v1 import CoreV1Api
    from live.meta.v1 import DeleteOptions, Preconditions

    core = CoreV1Api(client)
    old = core.create_namespaced_config_map(namespace=ns, body=config_map("cm", v="1"))
    current = core.patch_namespaced_config_map(name="cm", namespace=ns, body={"data": {"v": "2"}})
    stale = DeleteOptions(preconditions=Preconditions(resource_version=old.metadata.resource_version))
    with pytest.raises(Conflict) as conflict:
        core.delete_namespaced_config_map(name="cm", namespace=ns, body=stale)
    assert "the ResourceVersion in the precondition" in conflict.value.status.message
    wrong_uid = DeleteOptions(preconditions=Preconditions(uid="00000000-0000-0000-0000-000000000000"))
    with pytest.raises(Conflict):
        core.delete_namespaced_config_map(name="cm", namespace=ns, body=wrong_uid)
    exact = DeleteOptions(preconditions=Preconditions(uid=current.metadata.uid, resource_version=current.metadata.resource_version))
    core.delete_namespaced_config_map(name="cm", namespace=ns, body=exact)
    with pytest.raises(NotFound):
        core.read_namespaced_config_map(name="cm", namespace=ns)


def _secret(name: str, labels: dict[str, str] | None = None) -> Any:
    from live.core.v1 import Secret
    from live.meta.v1 import ObjectMeta

    return Secret(metadata=ObjectMeta(name=name, labels=labels), string_data={"k": name})


def test_paging_and_a_continue_token_expired_by_compaction(server: Cluster, client: Any, ns: str) -> None:
    from live import Gone, paginate
    from live.core.v1 import CoreV1Api

    core = CoreV1Api(client)
    for i in range(7):
        core.create_namespaced_secret(namespace=ns, body=_secret(f"s{i}"))
    first = core.list_namespaced_secret(namespace=ns, limit=3)
    assert names(first) == ["s0", "s1", "s2"] and first.metadata.continue_ and first.metadata.remaining_item_count == 4
    assert [s.metadata.name for s in paginate(core.list_namespaced_secret, limit=3, namespace=ns)] == [f"s{i}" for i in range(7)]
    core.create_namespaced_secret(namespace=ns, body=_secret("later"))
    server.compact()
    with pytest.raises(Gone) as gone:
        core.list_namespaced_secret(namespace=ns, limit=3, continue_=first.metadata.continue_)
    assert gone.value.code == 410 and gone.value.reason == "Expired"
    assert "continue" in gone.value.status.message


def _consume(events: Iterator[Any], until: str) -> tuple[queue.Queue[Any], threading.Thread]:
    """Iterates a watch in a thread, up to the event for the object named `until`."""
    seen: queue.Queue[Any] = queue.Queue()

    def run() -> None:
        try:
            for event in events:
                seen.put(event)
                if event.type != "BOOKMARK" and event.object.metadata.name == until:
                    return
        except Exception as error:  # handed to the test
            seen.put(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return seen, thread


def _drain(seen: queue.Queue[Any], thread: threading.Thread) -> list[Any]:
    thread.join(WAIT)
    assert not thread.is_alive(), "the watch did not deliver the expected events"
    return [seen.get_nowait() for _ in range(seen.qsize())]


def test_watch_with_bookmarks_resumes_after_the_server_closes_it(server: Cluster, python_client: ModuleType, ns: str) -> None:
    from live.core.v1 import CoreV1Api

    transport = Recording(server)
    with python_client.Client.from_kubeconfig(server.kubeconfig, transport=transport) as client:
        core = CoreV1Api(client)
        core.create_namespaced_config_map(namespace=ns, body=config_map("before"))
        start = core.list_namespaced_config_map(namespace=ns).metadata.resource_version
        watch = core.watch_namespaced_config_map(namespace=ns, resource_version=start)
        seen, thread = _consume(watch.events(), until="end")
        core.create_namespaced_config_map(namespace=ns, body=config_map("first"))
        watch_requests = lambda: [q for q in transport.queries if q.get("watch") == "true"]  # noqa: E731
        while len(watch_requests()) < 2:  # the server closed the first connection (after 3-6 s); the watch resumed
            thread.join(0.2)
            assert thread.is_alive(), "the watch ended early"
        core.patch_namespaced_config_map(name="first", namespace=ns, body={"data": {"v": "2"}})
        core.create_namespaced_config_map(namespace=ns, body=config_map("end"))
        events = _drain(seen, thread)
    assert not [e for e in events if isinstance(e, Exception)], events
    changes = [(e.type, e.object.metadata.name) for e in events if e.type != "BOOKMARK"]
    assert changes == [("ADDED", "first"), ("MODIFIED", "first"), ("ADDED", "end")]  # nothing lost or repeated
    bookmarks = [e for e in events if e.type == "BOOKMARK"]
    assert bookmarks and all(int(b.resource_version) >= int(start) for b in bookmarks)
    queries = watch_requests()
    assert all(q["allowWatchBookmarks"] == "true" for q in queries)
    assert queries[0]["resourceVersion"] == start and int(queries[1]["resourceVersion"]) > int(start)


def test_watch_gone_after_compaction_relists(server: Cluster, python_client: ModuleType, ns: str) -> None:
    from live import Gone
    from live.core.v1 import CoreV1Api

    transport = Recording(server)
    with python_client.Client.from_kubeconfig(server.kubeconfig, transport=transport) as client:
        core = CoreV1Api(client)
        core.create_namespaced_secret(namespace=ns, body=_secret("kept", {"watched": "yes"}))
        stale = core.list_namespaced_secret(namespace=ns).metadata.resource_version
        core.create_namespaced_secret(namespace=ns, body=_secret("noise"))
        server.compact()
        with pytest.raises(Gone):
            next(iter(core.watch_namespaced_secret(namespace=ns, resource_version=stale)))

        mark = len(transport.queries)
        lists = lambda: [q for q in transport.queries[mark:] if q.get("watch") != "true"]  # noqa: E731
        watch = core.watch_namespaced_secret(namespace=ns, label_selector="watched=yes")
        seen, thread = _consume(watch.relisting(), until="last")
        first = seen.get(timeout=WAIT)
        assert (first.type, first.object.metadata.name) == ("ADDED", "kept")
        core.create_namespaced_secret(namespace=ns, body=_secret("noise2"))  # unwatched: the watch's version falls behind
        server.compact()
        while len(lists()) < 2:  # the server closed the watch; resuming it was Gone; it listed again
            thread.join(0.2)
            assert thread.is_alive(), "the watch ended early"
        core.create_namespaced_secret(namespace=ns, body=_secret("last", {"watched": "yes"}))
        events = [first, *_drain(seen, thread)]
    assert not [e for e in events if isinstance(e, Exception)], events
    assert [(e.type, e.object.metadata.name) for e in events] == [("ADDED", "kept"), ("ADDED", "last")]
    kinds = ["watch" if q.get("watch") == "true" else "list" for q in transport.queries[mark:]]
    assert kinds[:2] == ["list", "watch"] and kinds.index("list", 1) > 1, kinds


def test_custom_resource_and_its_status_subresource(client: Any, ns: str) -> None:
    from live.cert_manager_io.v1 import Certificate, CertificateSpec, CertificateStatus, CertManagerIoV1Api
    from live.meta.v1 import ObjectMeta

    certs = CertManagerIoV1Api(client)
    body = Certificate(metadata=ObjectMeta(name="web"), spec=msgspec.convert({"secretName": "web-tls", "dnsNames": ["web.example"], "issuerRef": {"name": "ca"}}, CertificateSpec))
    created = certs.create_namespaced_certificate(namespace=ns, body=body)
    assert created.spec.secret_name == "web-tls" and created.status is None
    assert names(certs.list_namespaced_certificate(namespace=ns)) == ["web"]
    ready = msgspec.structs.replace(created, status=msgspec.convert({"conditions": [{"type": "Ready", "status": "True"}]}, CertificateStatus))
    updated = certs.replace_namespaced_certificate_status(name="web", namespace=ns, body=ready)
    assert [(c.type, c.status) for c in updated.status.conditions] == [("Ready", "True")]
    # The status subresource ignores spec changes; the main resource ignores status changes.
    changed_spec = msgspec.structs.replace(updated, spec=msgspec.structs.replace(updated.spec, secret_name="other"))
    assert certs.replace_namespaced_certificate_status(name="web", namespace=ns, body=changed_spec).spec.secret_name == "web-tls"
    status_patch = certs.patch_namespaced_certificate_status(name="web", namespace=ns, body={"status": {"revision": 2}})
    assert status_patch.status.revision == 2
    read = certs.read_namespaced_certificate(name="web", namespace=ns)
    assert read.status.revision == 2 and read.spec.secret_name == "web-tls"


@pytest.fixture()
async def aclient(server: Cluster, python_client: ModuleType) -> Any:
    async with python_client.AsyncClient.from_kubeconfig(server.kubeconfig) as client:
        yield client


async def test_async_crud_conflicts_apply_and_paging(server: Cluster, aclient: Any, ns: str) -> None:
    from live import Conflict, Gone, apaginate
    from live.core.v1 import AsyncCoreV1Api

    core = AsyncCoreV1Api(aclient)
    stale = await core.create_namespaced_config_map(namespace=ns, body=config_map("a", {"tier": "web"}, v="1"))
    await core.create_namespaced_config_map(namespace=ns, body=config_map("b", {"tier": "db"}))
    assert names(await core.list_namespaced_config_map(namespace=ns, label_selector="tier=web")) == ["a"]
    assert names(await core.list_namespaced_config_map(namespace=ns, field_selector="metadata.name=b")) == ["b"]
    await core.patch_namespaced_config_map(name="a", namespace=ns, body={"data": {"v": "2"}})
    with pytest.raises(Conflict):
        await core.replace_namespaced_config_map(name="a", namespace=ns, body=stale)
    apply = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"v": "3"}}
    with pytest.raises(Conflict) as conflict:
        await core.patch_namespaced_config_map(name="a", namespace=ns, body=apply, patch_type="apply", field_manager="async")
    assert conflict.value.status.details.causes[0].field == ".data.v"
    forced = await core.patch_namespaced_config_map(name="a", namespace=ns, body=apply, patch_type="apply", field_manager="async", force=True)
    assert forced.data == {"v": "3"}

    for i in range(5):
        await core.create_namespaced_secret(namespace=ns, body=_secret(f"s{i}"))
    assert [s.metadata.name async for s in apaginate(core.list_namespaced_secret, limit=2, namespace=ns)] == [f"s{i}" for i in range(5)]
    first = await core.list_namespaced_secret(namespace=ns, limit=2)
    await core.create_namespaced_secret(namespace=ns, body=_secret("later"))
    server.compact()
    with pytest.raises(Gone):
        await core.list_namespaced_secret(namespace=ns, limit=2, continue_=first.metadata.continue_)


class AsyncRecording(httpx.AsyncHTTPTransport):
    """The async TLS transport the client would use, keeping the query of each request."""

    def __init__(self, server: Cluster) -> None:
        super().__init__(verify=server.ssl_context())
        self.queries: list[dict[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.queries.append(dict(request.url.params))
        return await super().handle_async_request(request)


async def test_async_watch_resumes_after_the_server_closes_it(server: Cluster, python_client: ModuleType, ns: str) -> None:
    import asyncio

    from live.core.v1 import AsyncCoreV1Api

    transport = AsyncRecording(server)
    async with python_client.AsyncClient.from_kubeconfig(server.kubeconfig, transport=transport) as aclient:
        core = AsyncCoreV1Api(aclient)
        start = (await core.list_namespaced_config_map(namespace=ns)).metadata.resource_version
        watch = core.watch_namespaced_config_map(namespace=ns, resource_version=start)
        events: list[Any] = []

        async def consume() -> None:
            async for event in watch.events():
                events.append(event)
                if event.type != "BOOKMARK" and event.object.metadata.name == "end":
                    return

        task = asyncio.create_task(consume())
        await core.create_namespaced_config_map(namespace=ns, body=config_map("first"))
        watch_requests = lambda: [q for q in transport.queries if q.get("watch") == "true"]  # noqa: E731
        deadline = asyncio.get_running_loop().time() + WAIT
        while len(watch_requests()) < 2:  # the server closed the first connection (after 3-6 s); the watch resumed
            await asyncio.sleep(0.2)
            assert not task.done(), task
            assert asyncio.get_running_loop().time() < deadline, "the watch did not resume after the server closed it"
        await core.create_namespaced_config_map(namespace=ns, body=config_map("end"))
        await asyncio.wait_for(task, WAIT)
    assert [(e.type, e.object.metadata.name) for e in events if e.type != "BOOKMARK"] == [("ADDED", "first"), ("ADDED", "end")]
    queries = watch_requests()
    assert queries[0]["resourceVersion"] == start and int(queries[1]["resourceVersion"]) > int(start)


def _add_color_to_widgets(client: Any) -> None:
    """The server learns a field the generated Widget model lacks."""
    from live.apiextensions.v1 import ApiextensionsV1Api

    path = "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/color"
    ApiextensionsV1Api(client).patch_custom_resource_definition(
        name="widgets.kgen.test", body=[{"op": "add", "path": path, "value": {"type": "string"}}], patch_type="json"
    )


def test_unknown_fields_kept_through_read_modify_replace(server: Cluster, client: Any, ns: str) -> None:
    from live import ApiError
    from live.kgen_test.v1 import KgenTestV1Api, Widget, WidgetSpec
    from live.meta.v1 import ObjectMeta

    _add_color_to_widgets(client)
    widgets = KgenTestV1Api(client)
    widgets.create_namespaced_widget(namespace=ns, body=Widget(metadata=ObjectMeta(name="w"), spec=WidgetSpec(size=1)))
    deadline = time.monotonic() + WAIT
    while True:  # until the server validates with the new schema
        try:
            widgets.patch_namespaced_widget(name="w", namespace=ns, body={"spec": {"color": "red"}}, field_validation="Strict")
            break
        except ApiError:
            if time.monotonic() > deadline:
                raise TimeoutError("the Widget CRD's new field was not accepted") from None
            time.sleep(0.2)
    read = widgets.read_namespaced_widget(name="w", namespace=ns)
    read.spec.size = 2
    widgets.replace_namespaced_widget(name="w", namespace=ns, body=read)
    status, body = server.get(f"/apis/kgen.test/v1/namespaces/{ns}/widgets/w")
    assert status == 200 and json.loads(body)["spec"] == {"size": 2, "color": "red"}
