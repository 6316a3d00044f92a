"""The conformance suite's documents, what kgen must do with each, and the run that checks it for every target.

Every document under ../shared/specs/conformance/, every shared document
../shared/specs/*.json and a cluster-scale one made from Kubernetes 1.36
(conftest.scale_document) is either valid, and must generate in every
registered target into code that passes the target's compile and type check
(`Target.check_packages`: one batched run over all documents), or listed in
INVALID with the reason and the JSON pointer its error must carry
(docs/conformance.md has the same table), and then must generate with
--lenient into code that passes the same checks, as every real document
must. Generation runs in-process; each
document is validated once, then rendered for each target without
validating again.
"""

from __future__ import annotations

import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from conftest import LENIENT, SCALE_CRDS, SPECS_DIR, scale_document
from targets import Generated, Target

from kgen.app.pipeline import build_api, generate
from kgen.app.request import Request
from kgen.diagnostics import KgenError
from kgen.emit.output import locked

CONFORMANCE = SPECS_DIR / "conformance"
SUFFIXES = (".json", ".yaml", ".yml")


@dataclass(frozen=True)
class Invalid:
    reason: str  # why the document is not valid Swagger 2.0
    pointer: str  # the JSON pointer kgen's error must name


# Keep in step with the table in docs/conformance.md.
_ADDITIONAL_ITEMS = "'additionalItems' is not a keyword of Swagger 2.0's Schema Object (a go-swagger extension of JSON Schema)"
INVALID: dict[str, Invalid] = {
    "go-swagger/codegen/issue72.json": Invalid(
        "operationId 'unnamed' is used by several operations; Swagger 2.0 requires operationIds to be unique",
        "#/paths/~1logarchive~1{file_id}/put/operationId",
    ),
    "go-swagger/petstores/petstore-expanded.json": Invalid(
        "'$ref: pet' is a relative URI of another document, which does not exist",
        "#/definitions/newPet/allOf/0/$ref",
    ),
    "go-swagger/petstores/petstore-simple.json": Invalid(
        "'$ref: pet' is a relative URI of another document, which does not exist",
        "#/definitions/petInput/allOf/0/$ref",
    ),
    "go-swagger/petstores/petstore-with-external-docs.json": Invalid(
        "'$ref: pet' is a relative URI of another document, which does not exist",
        "#/definitions/newPet/allOf/0/$ref",
    ),
    "go-swagger/codegen/external-types/example-external-types.yaml": Invalid(
        _ADDITIONAL_ITEMS, "#/definitions/MyTuple/additionalItems",
    ),
    "go-swagger/codegen/todolist.enums.flattened.json": Invalid(
        _ADDITIONAL_ITEMS, "#/definitions/SliceAndAdditionalItemsThing/additionalItems",
    ),
    "go-swagger/codegen/todolist.enums.yml": Invalid(
        _ADDITIONAL_ITEMS, "#/definitions/ObjectThing/properties/lions/additionalItems",
    ),
    "go-swagger/codegen/todolist.schemavalidation.yml": Invalid(
        _ADDITIONAL_ITEMS,
        "#/definitions/ArrayAdditionalValidations/properties/args/additionalItems",
    ),
    "go-swagger/codegen/todolist.models.yml": Invalid(
        "'additionalItems', and a 'Pattern' key (capital P), are not keywords of Swagger 2.0's Schema Object",
        "#/definitions/Tag/properties/name/Pattern",
    ),
    "go-swagger/codegen/strict-additional-properties.yml": Invalid(
        "a response is null; a Response Object needs at least a description",
        "#/paths/~1test/post/responses/200",
    ),
    "go-swagger/codegen/todolist.responses.yml": Invalid(
        "the default response is null; a Response Object needs at least a description",
        "#/paths/~1singleValueQuery/get/responses/default",
    ),
    "go-swagger/codegen/todolist.simple.yml": Invalid(
        "a Response Object has a 'required' key, which Swagger 2.0 does not define",
        "#/paths/~1other~1do-empty-required/get/responses/200/required",
    ),
}


SCALE = f"generated/cluster-{SCALE_CRDS}-crds.json"  # conftest.scale_document(), built from k8s-1.36.json


def documents() -> list[str]:
    """Every document's id: its path under ../shared/specs (conformance/... or NAME.json), and the cluster-scale one."""
    found = sorted(
        p.relative_to(CONFORMANCE).as_posix()
        for p in CONFORMANCE.rglob("*")
        if p.suffix in SUFFIXES
    )
    shared = sorted(p.name for p in SPECS_DIR.glob("*.json"))
    scale = [SCALE] if "k8s-1.36.json" in shared else []
    return [f"conformance/{name}" for name in found] + shared + scale


def spec_path(document: str) -> Path:
    return scale_document() if document == SCALE else SPECS_DIR / document


def package_name(document: str) -> str:
    """A package name of its own per document (so one compiler run can check them all), valid in every target."""
    return "c_" + re.sub(
        r"[^a-z0-9]+", "_", document.lower().removeprefix("conformance/")
    ).strip("_")


def invalid(document: str) -> Invalid | None:
    return INVALID.get(document.removeprefix("conformance/"))


def lenient(document: str) -> bool:
    """Cluster documents (Go regex syntax) and invalid ones are generated with --lenient, the others strictly."""
    return Path(document).stem in LENIENT or invalid(document) is not None


@dataclass
class Outcome:
    status: str  # "ok", "invalid" (failed as INVALID says) or "failed"
    reason: str = ""


@dataclass
class Results:
    """One target's outcome per document, and how long each stage took."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def check_invalid(document: str, expected: Invalid) -> Outcome | None:
    """An invalid document fails strictly with an error at its pointer: None when it does, else what went wrong."""
    try:
        build_api(Request(spec=str(spec_path(document)), out=Path("unused")))
    except KgenError as exc:
        located = [
            d
            for d in exc.diagnostics
            if "#" + d.pointer == expected.pointer or d.pointer == expected.pointer
        ]
        if not located:
            return Outcome(
                "failed", f"rejected, but not at {expected.pointer}: {_first_line(exc)}"
            )
        return None
    return Outcome("failed", f"listed as invalid ({expected.reason}) but accepted")


def run(targets: list[Target], work: Path) -> dict[str, Results]:
    """Every document through every target: validate once, generate per target, then one batched check per target."""
    results = {t.name: Results() for t in targets}
    started = time.perf_counter()
    valid: list[str] = []
    for document in documents():
        expected = invalid(document)
        failure = check_invalid(document, expected) if expected is not None else None
        if failure is not None:
            for r in results.values():
                r.outcomes[document] = failure
            continue
        try:
            build_api(
                Request(
                    spec=str(spec_path(document)),
                    out=Path("unused"),
                    lenient=lenient(document),
                )
            )
        except KgenError as exc:
            for r in results.values():
                r.outcomes[document] = Outcome(
                    "failed", f"rejected: {_first_line(exc)}"
                )
            continue
        valid.append(document)
    for r in results.values():
        r.seconds["validate"] = time.perf_counter() - started
    for target in targets:
        _check_target(target, valid, work / target.name, results[target.name])
    return results


def _check_target(
    target: Target, documents: list[str], work: Path, results: Results
) -> None:
    started = time.perf_counter()
    generated: dict[str, Generated] = {}
    for document in documents:
        package = package_name(document)
        out = work / package
        shutil.rmtree(out, ignore_errors=True)
        request = Request(
            spec=str(spec_path(document)),
            out=out,
            target=target.name,
            package_name=package,
            lenient=lenient(document),
            validate=False,
        )
        try:
            with locked(out) as directory:
                generate(request, directory)
        except KgenError as exc:
            results.outcomes[document] = Outcome(
                "failed", f"generate: {_first_line(exc)}"
            )
            continue
        except (
            Exception
        ) as exc:  # a crash is a result of the suite: reported per document, not a stop
            results.outcomes[document] = Outcome(
                "failed", f"generate crashed: {type(exc).__name__}: {exc}"
            )
            continue
        generated[document] = Generated(out, package)
    results.seconds["generate"] = time.perf_counter() - started
    started = time.perf_counter()
    if target.check_packages is None:
        problems = {
            d: [f"target {target.name} registers no check_packages (tests/targets.py)"]
            for d in generated
        }
    else:
        problems = target.check_packages(generated, work)
    results.seconds["check"] = time.perf_counter() - started
    for document in generated:
        found = problems.get(document, [])
        expected = invalid(document)
        if found:
            results.outcomes[document] = Outcome("failed", "; ".join(found[:3]))
        else:  # an invalid document counts as such once it also generated leniently into checked code
            results.outcomes[document] = Outcome("invalid", expected.reason) if expected else Outcome("ok")


def _first_line(exc: KgenError) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def table(results: dict[str, Results]) -> str:
    """Markdown: document x target -> ok / invalid / failed with its reason."""
    names = sorted(results)
    lines = ["| document | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for document in documents():
        cells = [
            _cell(results[n].outcomes.get(document, Outcome("failed", "not run")))
            for n in names
        ]
        lines.append(f"| {document} | " + " | ".join(cells) + " |")
    counts = [
        f"{n}: "
        + ", ".join(
            f"{sum(o.status == s for o in results[n].outcomes.values())} {s}"
            for s in ("ok", "invalid", "failed")
        )
        for n in names
    ]
    times = [
        f"{n}: "
        + ", ".join(f"{stage} {s:.0f}s" for stage, s in results[n].seconds.items())
        for n in names
    ]
    return "\n".join(lines + ["", "; ".join(counts), "time: " + "; ".join(times)])


def _cell(outcome: Outcome) -> str:
    text = outcome.status if outcome.status != "failed" else f"failed: {outcome.reason}"
    return text.replace("|", "\\|").replace("\n", " ")[:300]
