"""Unit paths that work as package paths: one per API group, and no segment too long for a file name.

* Two API groups whose names give the same words (cert-manager.io and
  cert.manager.io; networking.k8s.io and networking) would share one package,
  and their same-named kinds would collide: the first in sorted order keeps
  the path, the others take the words of their full name, or a number.
* A segment longer than MAX_SEGMENT characters (a very long group, tag or
  definition namespace) keeps its leading words and ends in a short hash of
  the whole, so it stays unique and within file-name limits.
Both are reported as warnings: the generated names differ from the usual ones.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from kgen.ir.model import Unit
from kgen.passes.context import Context
from kgen.passes.place_units import distinct_units
from kgen.words import Words, split_words

MAX_SEGMENT = 64


def run(ctx: Context) -> None:
    api = ctx.api
    units = [m.unit for m in api.models.values()] + [o.unit for o in api.operations]
    groups = _separate_groups(ctx, units)
    bounded: dict[Words, Words] = {}
    replaced: dict[tuple[tuple[Words, ...], str | None], Unit] = {}
    for unit in units:
        path = unit.path
        if unit.group in groups:
            path = (groups[unit.group],) + path[1:]
        path = tuple(bounded[s] if s in bounded else bounded.setdefault(s, _bounded(ctx, s)) for s in path)
        if path != unit.path:
            replaced[(unit.path, unit.group)] = Unit(path, unit.group, unit.version)
    if not replaced:
        return
    for model in api.models.values():
        model.unit = replaced.get((model.unit.path, model.unit.group), model.unit)
    for op in api.operations:
        op.unit = replaced.get((op.unit.path, op.unit.group), op.unit)
    api.units = distinct_units([m.unit for m in api.models.values()] + [o.unit for o in api.operations])


def _separate_groups(ctx: Context, units: list[Unit]) -> dict[str, Words]:
    """New first segments for the groups that would share another group's."""
    owners: dict[Words, set[str]] = defaultdict(set)
    for unit in units:
        if unit.group is not None and unit.path:
            owners[unit.path[0]].add(unit.group)
    taken = {unit.path[0] for unit in units if unit.path}
    moved: dict[str, Words] = {}
    for first, groups in sorted(owners.items()):
        keep, *others = sorted(groups)
        for group in others:
            words, n = split_words(group), 1
            while words in taken:
                n += 1
                words = first + (str(n),)
            taken.add(words)
            moved[group] = words
            ctx.sink.warning(
                "",
                f"API groups {keep!r} and {group!r} would share the package path {'_'.join(first)!r}; {group!r} gets {'_'.join(words)!r}",
                "nothing to do: each group keeps its own package; this names where the second one is",
                kind="name",
            )
    return moved


def _bounded(ctx: Context, segment: Words) -> Words:
    joined = "_".join(segment)
    if len(joined) <= MAX_SEGMENT:
        return segment
    digest = hashlib.sha256(joined.encode()).hexdigest()[:8]
    kept: list[str] = []
    for word in segment:
        if len("_".join([*kept, word, digest])) > MAX_SEGMENT:
            break
        kept.append(word)
    short = (*kept, digest) if kept else (segment[0][: MAX_SEGMENT - len(digest) - 1], digest)
    ctx.sink.warning(
        "",
        f"the package name {joined!r} ({len(joined)} characters) is too long for a path; it is shortened to {'_'.join(short)!r}",
        f"names of more than {MAX_SEGMENT} characters are shortened with a hash of the whole name",
        kind="name",
    )
    return short
