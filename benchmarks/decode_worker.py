"""One decode measurement, inside the interpreter under test; prints one JSON object on stdout.

    decode_worker.py PODLIST.json --package kube --repeats 7
    decode_worker.py PODLIST.json --package kube --held NAME --keep 1   # memory held, in a fresh process

Run by decode.py with the generated package on PYTHONPATH. Every decoder is timed
in this one process, in a rotating order within each repeat, so json.loads and
the libraries share the same machine state and their ratios survive the noise.

Each call yields two times:
  decode      the call alone, as a caller sees it return.
  decode+gc0  the call and a gc.collect(0) right after it. kgen's decode pauses the
              cycle collector, which defers the scan of the young objects it made
              (the plain dicts and lists of untyped fields) to the next allocation
              after it returns; collecting here charges that scan to the decode
              instead of to whatever runs next. json.loads and lightkube run with
              the collector on, so for them gc.collect(0) finds little.
Before each call a full gc.collect() starts every decoder from the same heap.

Besides kgen as users call it, two kgen rows are timed for comparison:
  kgen-before  the decode kgen had before a list's items were each decoded from
               a copy of their own bytes: the whole document in one call, the
               list and its items remembering the whole buffer (what the per-item
               copy costs is kgen / kgen-before).
  kgen-like    kgen made to do lightkube's work with lightkube's GC setting: the
               collector left on (the runtime's pause bypassed) and every fieldsV1
               parsed into dicts after the decode, as lightkube does (its FieldsV1
               is a Dict). Timestamps stay strings (lightkube makes datetimes);
               `timestamps` measures what parsing them would add.

--held NAME measures, in this (fresh) process, the memory still held after one
decode of the list whose first --keep items are kept and the rest, the list and
the response bytes, dropped (--keep 0: the whole list is kept): the resident
set's growth, or with --live the bytes of live allocations (tracemalloc).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

Decoder = Callable[[bytes], Any]


@dataclass(frozen=True)
class Library:
    decode: Decoder
    shape: Callable[[Any], dict[str, Any]]  # what a decoded list holds: evidence the decode is typed all the way


def kgen_library(package: str) -> Library:
    """The generated runtime's decode into the PodList model: every item a typed Pod."""
    runtime = importlib.import_module(f"{package}._runtime.model")
    pod_list = importlib.import_module(f"{package}.core.v1").PodList

    def shape(result: Any) -> dict[str, Any]:
        pod = result.items[0]
        container = pod.spec.containers[0]
        meta = pod.metadata
        port = container.liveness_probe.http_get.port
        fields_v1 = meta.managed_fields[0].fields_v1 if meta.managed_fields else None
        return describe(result.items, container, meta.creation_timestamp, port, fields_v1)

    return Library(lambda data: runtime.decode(pod_list, data), shape)


def kgen_before_library(package: str) -> Library:
    """kgen's decode as it was before items were decoded from their own copies: the whole buffer in one call.

    The generated runtime's own typed decoder, collector paused, and each
    resource pointed at the whole document, as the runtime did then.
    """
    runtime = importlib.import_module(f"{package}._runtime.model")
    pod_list = importlib.import_module(f"{package}.core.v1").PodList
    decoder = runtime.msgspec.json.Decoder(pod_list, float_hook=runtime.Number)
    source = runtime._SOURCE

    def decode(data: bytes) -> Any:
        paused = gc.isenabled()
        gc.disable()
        try:
            result = decoder.decode(data)
            setattr(result, source, (data, None))
            for index, item in enumerate(result.items):
                setattr(item, source, (data, index))
        finally:
            if paused:
                gc.enable()
        return result

    return Library(decode, kgen_library(package).shape)


class _NoPause:
    """Stands for the gc module inside the runtime: the collector looks off to it, so it is never paused."""

    @staticmethod
    def isenabled() -> bool:
        return False


def kgen_like_library(package: str) -> Library:
    """kgen doing lightkube's work: the collector left on, and fieldsV1 parsed into dicts (lightkube's FieldsV1 is a Dict)."""
    runtime = importlib.import_module(f"{package}._runtime.model")
    pod_list = importlib.import_module(f"{package}.core.v1").PodList
    parse = runtime.msgspec.json.decode

    def decode(data: bytes) -> Any:
        runtime.gc = _NoPause
        try:
            result = runtime.decode(pod_list, data)
        finally:
            runtime.gc = gc
        for pod in result.items:
            for entry in pod.metadata.managed_fields or ():
                if entry.fields_v1:
                    entry.fields_v1 = parse(entry.fields_v1)
        return result

    return Library(decode, kgen_library(package).shape)


def lightkube_library() -> Library:
    """lightkube's list path (Client.list -> decoders.decode_list): typed Pods straight from bytes."""
    from lightkube.core.decoders import decode_list  # type: ignore[import-not-found]  # a peer, not a kgen dependency
    from lightkube.resources.core_v1 import Pod  # type: ignore[import-not-found]

    def shape(result: Any) -> dict[str, Any]:
        items = result[2]
        container = items[0].spec.containers[0]
        meta = items[0].metadata
        port = container.livenessProbe.httpGet.port
        fields_v1 = meta.managedFields[0].fieldsV1 if meta.managedFields else None
        return describe(items, container, meta.creationTimestamp, port, fields_v1)

    return Library(lambda data: decode_list(data, Pod), shape)


def describe(items: list[Any], container: Any, created: Any, port: Any, fields_v1: Any) -> dict[str, Any]:
    return {
        "items": len(items),
        "pod": type(items[0]).__name__,
        "container": type(container).__name__,
        "creationTimestamp": type(created).__name__,
        "liveness port": type(port).__name__,
        "fieldsV1": type(fields_v1).__name__,
    }


def libraries(package: str) -> tuple[dict[str, Library], dict[str, str]]:
    """json.loads (the baseline), kgen's generated package, and lightkube where it is installed."""
    found = {"json.loads": Library(json.loads, lambda result: {"items": len(result["items"])}),
             "kgen": kgen_library(package), "kgen-before": kgen_before_library(package),
             "kgen-like": kgen_like_library(package)}
    missing: dict[str, str] = {}
    try:
        found["lightkube"] = lightkube_library()
    except ImportError as exc:
        missing["lightkube"] = f"not installed for {sys.executable} ({exc})"
    return found, missing


def measure(found: dict[str, Library], data: bytes, repeats: int) -> dict[str, dict[str, list[float]]]:
    times: dict[str, dict[str, list[float]]] = {name: {"decode": [], "decode+gc0": []} for name in found}
    names = list(found)
    for index in range(repeats):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            gc.collect()
            start = time.perf_counter()
            result = found[name].decode(data)
            decoded = time.perf_counter()
            gc.collect(0)
            collected = time.perf_counter()
            del result
            times[name]["decode"].append(decoded - start)
            times[name]["decode+gc0"].append(collected - start)
    return times


def versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {"python": sys.version.split()[0]}
    for dist in ("msgspec", "lightkube", "lightkube-models"):
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = None
    return found


TIMESTAMP = re.compile(rb'"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?Z"')


def timestamps(data: bytes, repeats: int) -> dict[str, float]:
    """What parsing the document's timestamps into datetimes costs beyond keeping them as strings (msgspec, as lightkube)."""
    import msgspec

    found = TIMESTAMP.findall(data)
    array = b"[" + b",".join(found) + b"]"
    as_str = msgspec.json.Decoder(list[str])
    as_datetime = msgspec.json.Decoder(list[datetime.datetime])
    times: dict[str, list[float]] = {"str": [], "datetime": []}
    for _ in range(repeats):
        for name, decoder in (("str", as_str), ("datetime", as_datetime)):
            gc.collect()
            start = time.perf_counter()
            decoder.decode(array)
            times[name].append(time.perf_counter() - start)
    return {"count": len(found), **{name: statistics.median(t) for name, t in times.items()}}


def rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def held(found: dict[str, Library], name: str, path: str, keep: int, live: bool) -> dict[str, Any]:
    """Memory still held after one decode whose first `keep` items are kept (0: the whole list), the rest dropped.

    `live`: the bytes of the Python allocations still alive (tracemalloc, which
    sees msgspec's allocations too: they go through Python's allocators);
    else the growth of the resident set, which also counts what the allocators
    keep of freed memory (tracemalloc's own tables would inflate it, so it runs
    apart). The decoders are built first, on a one-pod list, so that only what
    the decoded objects hold is counted; the response bytes are read after the
    baseline and dropped with the list, as a client drops its response.
    """
    import tracemalloc

    import msgspec

    library = found[name]
    with open(path, "rb") as fh:
        data = fh.read()
    items_only = msgspec.defstruct("ItemsOnly", [("items", list[msgspec.Raw])])
    first = bytes(msgspec.json.decode(data, type=items_only).items[0])
    del data
    library.decode(b'{"items":[' + first + b"]}")
    gc.collect()
    if live:
        tracemalloc.start()
    base = rss_bytes()
    with open(path, "rb") as fh:
        data = fh.read()
    result = library.decode(data)
    items = _items(result)
    kept = items[:keep] if keep else result
    count = len(items[:keep] if keep else items)
    del data, result, items
    gc.collect()
    held_bytes = tracemalloc.get_traced_memory()[0] if live else rss_bytes() - base
    assert kept is not None
    return {"held_bytes": held_bytes, "kept": count}


def _items(result: Any) -> list[Any]:
    if isinstance(result, tuple):  # lightkube's decode_list: (continue, resourceVersion, items)
        return list(result[2])
    if isinstance(result, dict):
        return list(result["items"])
    return list(result.items)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--package", default="kube")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--held", help="measure the memory one decoder's list holds (see --keep), nothing else")
    parser.add_argument("--keep", type=int, default=0, help="items kept for --held (default 0: the whole list)")
    parser.add_argument("--live", action="store_true", help="--held counts live allocations (tracemalloc), not resident memory")
    args = parser.parse_args()
    if args.held:
        found, _ = libraries(args.package)
        print(json.dumps(held(found, args.held, args.data, args.keep, args.live)))
        return
    with open(args.data, "rb") as fh:
        data = fh.read()
    found, missing = libraries(args.package)
    first: dict[str, float] = {}
    shapes: dict[str, Any] = {}
    for name, library in found.items():  # warm-up: decoders built, caches filled; the first call is reported apart
        start = time.perf_counter()
        result = library.decode(data)
        first[name] = time.perf_counter() - start
        shapes[name] = library.shape(result)
        del result
    times = measure(found, data, args.repeats)
    print(json.dumps({"versions": versions(), "bytes": len(data), "first_call_s": first, "shapes": shapes,
                      "missing": missing, "times": times, "timestamps": timestamps(data, args.repeats)}))


if __name__ == "__main__":
    main()
