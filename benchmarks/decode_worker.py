"""One decode measurement, inside the interpreter under test; prints one JSON object on stdout.

    decode_worker.py PODLIST.json --package kube --repeats 7

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
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
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
        return describe(result.items, container, meta.creation_timestamp, port, meta.managed_fields[0].fields_v1)

    return Library(lambda data: runtime.decode(pod_list, data), shape)


def lightkube_library() -> Library:
    """lightkube's list path (Client.list -> decoders.decode_list): typed Pods straight from bytes."""
    from lightkube.core.decoders import decode_list  # type: ignore[import-not-found]  # a peer, not a kgen dependency
    from lightkube.resources.core_v1 import Pod  # type: ignore[import-not-found]

    def shape(result: Any) -> dict[str, Any]:
        items = result[2]
        container = items[0].spec.containers[0]
        meta = items[0].metadata
        port = container.livenessProbe.httpGet.port
        return describe(items, container, meta.creationTimestamp, port, meta.managedFields[0].fieldsV1)

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
             "kgen": kgen_library(package)}
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("--package", default="kube")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
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
                      "missing": missing, "times": times}))


if __name__ == "__main__":
    main()
