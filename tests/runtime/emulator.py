"""kmock's KubernetesEmulator on loopback, in a thread of its own, with the two verbs it lacks.

kmock answers create, get, list, patch, delete and watch from its own store.
It has no replace (PUT) and no limit/continue paging; this subclass adds both
on top of that same store, and nothing else.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import aiohttp.web
import kmock
from kmock._internal import k8s, rendering

# group/version/plural -> (kind, namespaced)
RESOURCES = {
    "v1/configmaps": ("ConfigMap", True),
    "example.com/v1/widgets": ("Widget", True),
    "cert-manager.io/v1/certificates": ("Certificate", True),
    "cert-manager.io/v1/issuers": ("Issuer", True),
    "cert-manager.io/v1/clusterissuers": ("ClusterIssuer", False),
    "gateway.networking.k8s.io/v1/gateways": ("Gateway", True),
    "gateway.networking.k8s.io/v1/httproutes": ("HTTPRoute", True),
}


class Emulator(kmock.KubernetesEmulator):
    async def _handle(self, request: rendering.Request) -> aiohttp.web.StreamResponse:
        if request.method == "PUT" and request.resource is not None and request.name:
            return await self._replace(request)
        return await super()._handle(request)

    async def _replace(self, request: rendering.Request) -> aiohttp.web.StreamResponse:
        key = (request.resource, request.namespace, request.name)
        async with self._lock:
            if key not in self._objects or self._objects[key].deleted:
                raise k8s.KubernetesObjectNotFoundError()
            self._objects[key].create(request.data)
            raw = self._objects[key].raw
            await self._buses[request.resource].put({"type": "MODIFIED", "object": raw})
        return aiohttp.web.json_response(raw)

    async def _serve_list(self, request: rendering.Request) -> rendering.Payload:
        listed: dict[str, Any] = await super()._serve_list(request)  # type: ignore[assignment]
        items = sorted(listed["items"], key=lambda o: o.get("metadata", {}).get("name", ""))
        start = int(request.params.get("continue") or 0)
        limit = int(request.params.get("limit") or 0) or len(items)
        listed["items"] = items[start : start + limit]
        if start + limit < len(items):
            listed["metadata"]["continue"] = str(start + limit)
        return listed


def run_emulator() -> Iterator[tuple[str, Emulator]]:
    """Start the emulator on 127.0.0.1 in a background event loop; yield its URL."""
    ready = threading.Event()
    box: dict[str, Any] = {}

    async def main() -> None:
        async with Emulator() as emulator, kmock.Server(emulator) as server:
            for resource, (kind, namespaced) in RESOURCES.items():
                emulator.resources[resource] = kmock.ResourceInfo(kind=kind, namespaced=namespaced)
            box.update(url=str(server.url).rstrip("/"), emulator=emulator, stop=asyncio.Event())
            box["loop"] = asyncio.get_running_loop()
            ready.set()
            await box["stop"].wait()

    thread = threading.Thread(target=lambda: asyncio.run(main()), daemon=True)
    thread.start()
    assert ready.wait(30), "the emulator did not start"
    try:
        yield box["url"], box["emulator"]
    finally:
        box["loop"].call_soon_threadsafe(box["stop"].set)
        thread.join(30)
