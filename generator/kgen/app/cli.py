"""The kgen command line: flags in, results on stdout, diagnostics on stderr, exit codes out.

Exit codes: 0 success (or, with --check, up to date); 1 --check found
differences; 2 invalid input, configuration or usage, or a file that cannot
be read or written (the previous output is then intact).
"""

from __future__ import annotations

import argparse
import os
import shutil
import secrets
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kgen import __version__
from kgen import sources
from kgen.app import config, listing
from kgen.targets import packs, registry
from kgen.app.check import check, report_lines, summary, up_to_date
from kgen.app.console import Console
from kgen.diagnostics import Diagnostic, KgenError, Level, count_by_kind
from kgen.sources.loading import MAX_BYTES, MAX_DEFINITIONS, MAX_DEPTH, MAX_DEPTH_CEILING, MAX_OPERATIONS, Limits
from kgen.emit.output import locked
from kgen.app.request import Request
from kgen.sources.validation import VALIDATION_TIMEOUT

EXAMPLES = {
    "generate": """
  kgen generate --spec cluster.json --out clients/ --package-name kube
  kgen generate --spec cluster.json --out clients/ --groups 'core/v1,apps/v1,cert-manager.io/*'
  kgen generate --crd crds/ --out clients/          # CRD manifests alone, or with --spec
  kgen generate --spec cluster.json --out kube-go/ --target go --package-name example.com/kube
  kgen generate --from-cluster --context prod --out clients/
  kubectl get --raw /openapi/v2 | kgen generate --spec - --out clients/
  kgen generate                      # every output of kgen.yaml or [tool.kgen] in pyproject.toml
  kgen generate --check              # in CI: exit 1 if the committed output is out of date
""",
    "validate": """
  kgen validate cluster.json
  kubectl get --raw /openapi/v2 | kgen validate - --lenient
""",
    "list": """
  kgen list cluster.json
  kgen list cluster.json --groups 'apps/*' --json
""",
    "fetch": """
  kgen fetch -o cluster.json                       # the current kubeconfig context
  kgen fetch --kubeconfig ~/.kube/prod --context admin -o cluster.json
""",
    "targets": """
  kgen targets
  kgen targets --templates my-pack/
""",
}
EXIT_CODES = "exit codes: 0 success, 1 --check found differences, 2 invalid input or usage, or an I/O error"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kgen",
        description="Typed, fast client generator for Kubernetes-style Swagger 2.0 APIs.",
        epilog="examples:" + "".join(EXAMPLES.values()) + "\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kgen {__version__}")
    output = argparse.ArgumentParser(add_help=False)
    loudness = output.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    loudness.add_argument("-v", "--verbose", action="store_true", help="also print the time of each stage")
    document = argparse.ArgumentParser(add_help=False)
    document.add_argument("--lenient", action=argparse.BooleanOptionalAction, default=None, help="turn quirks real clusters publish into warnings")
    document.add_argument("--max-bytes", type=_count(1), help=f"refuse larger documents (default {MAX_BYTES})")
    document.add_argument("--max-depth", type=_count(1, MAX_DEPTH_CEILING), help=f"refuse deeper nesting (default {MAX_DEPTH}, at most {MAX_DEPTH_CEILING})")
    document.add_argument("--max-definitions", type=_count(1), help=f"refuse more definitions (default {MAX_DEFINITIONS})")
    document.add_argument("--max-operations", type=_count(1), help=f"refuse more operations (default {MAX_OPERATIONS})")
    document.add_argument(
        "--validation-timeout",
        type=float,
        metavar="SECONDS",
        help=f"give up validating after this long (default {VALIDATION_TIMEOUT:g}; an error unless --lenient)",
    )
    selecting = argparse.ArgumentParser(add_help=False)
    selecting.add_argument("--groups", action="append", metavar="PATTERNS", help="keep only these GROUP/VERSION globs, comma-separated (core/v1,apps/*); models they use come along")
    selecting.add_argument("--exclude-groups", action="append", metavar="PATTERNS", help="leave out these GROUP/VERSION globs")

    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, parents: list[argparse.ArgumentParser]) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            epilog="examples:" + EXAMPLES[name] + "\n" + EXIT_CODES,
            parents=parents,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    cluster = argparse.ArgumentParser(add_help=False)
    cluster.add_argument("--kubeconfig", help="the kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)")
    cluster.add_argument("--context", help="the kubeconfig context (default: its current-context)")

    gen = command("generate", "generate a client package from a Swagger 2.0 document", [output, document, selecting, cluster])
    gen.add_argument("--spec", help="the document: a JSON or YAML file, or - for stdin")
    gen.add_argument("--crd", nargs="+", action="extend", metavar="FILE_OR_DIR", help="CustomResourceDefinition manifests (YAML or JSON, files or directories) to add; alone, or with --spec or --from-cluster")
    gen.add_argument("--from-cluster", action="store_true", default=None, help="fetch /openapi/v2 (and /openapi/v3) from the kubeconfig's cluster instead of --spec")
    gen.add_argument("--out", help="output directory (files kgen did not write are kept)")
    gen.add_argument("--config", type=Path, help="a kgen.yaml or pyproject.toml (default: the one in the current directory)")
    gen.add_argument("--output", action="append", metavar="NAME", help="generate only this output of the config (repeatable)")
    gen.add_argument("--target", choices=registry.BUILTIN, help="language to generate (default: python)")
    gen.add_argument("--templates", metavar="DIR", help="a template pack: overrides of the target's templates, or a target of its own (code: trust it as such)")
    gen.add_argument("--package-name", help="import name of the generated package, or with --target go its module path, such as example.com/kube (default: kube)")
    gen.add_argument("--project-name", help="distribution name in the generated pyproject.toml (default: from --package-name)")
    gen.add_argument("--project-version", help="version in the generated pyproject.toml (default: 0.1.0)")
    gen.add_argument("--format", action=argparse.BooleanOptionalAction, default=None, help="format with black where kgen's own layout is not exact, or gofmt where installed for --target go (default: on)")
    gen.add_argument("--check", action="store_true", help="write nothing; exit 1 if generating would change the output")
    gen.add_argument("--diff", action="store_true", help="with --check: print full unified diffs")
    gen.add_argument("--full", action="store_true", help="generate (in memory with --check) even when kgen.lock shows the output is up to date")

    val = command("validate", "check that a document is valid and can be generated; write nothing", [output, document])
    val.add_argument("spec", metavar="SPEC", help="the document: a JSON or YAML file, or - for stdin")

    lst = command("list", "show the groups, versions, kinds and operation counts of a document", [output, document, selecting])
    lst.add_argument("spec", metavar="SPEC", help="the document: a JSON or YAML file, or - for stdin")
    lst.add_argument("--json", action="store_true", help="print JSON instead of a table")

    fetch = command("fetch", "save a cluster's /openapi/v2 document, with what its /openapi/v3 adds (enums, nullable)", [output, cluster])
    fetch.add_argument("-o", "--output", required=True, help="the file to write, or - for stdout")
    fetch.add_argument("--max-bytes", type=_count(1), help=f"refuse larger documents (default {MAX_BYTES})")

    targets = command("targets", "list the languages kgen can generate, and template packs found", [output])
    targets.add_argument("--templates", action="append", default=[], metavar="DIR", help=f"a template pack to list too (also: subdirectories of ${packs.SEARCH_PATH})")
    return parser


def _count(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from low to high."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{value} is not between {low} and {high}" if high is not None else f"{value} is less than {low}")
        return value

    return parse


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = Console(quiet=args.quiet, verbose=args.verbose)
    try:
        return COMMANDS[args.command](args, console)
    except KgenError as exc:
        for diagnostic in exc.diagnostics:
            console.diagnostic(diagnostic)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`kgen list SPEC | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _flags(args: argparse.Namespace, names: tuple[str, ...]) -> dict[str, Any]:
    """The flags the user gave, keyed as in a config file (package_name -> package-name)."""
    return {name.replace("_", "-"): getattr(args, name) for name in names if getattr(args, name, None) is not None}


GENERATE_FLAGS = (
    "spec", "crd", "from_cluster", "kubeconfig", "context", "out", "target", "templates", "package_name", "project_name",
    "project_version", "groups", "exclude_groups", "lenient", "format", "max_bytes", "max_depth",
    "max_definitions", "max_operations", "validation_timeout",
)  # fmt: skip
DOCUMENT_FLAGS = ("lenient", "max_bytes", "max_depth", "max_definitions", "max_operations", "validation_timeout")


def _generate(args: argparse.Namespace, console: Console) -> int:
    if args.diff and not args.check:
        raise KgenError([_usage("--diff goes with --check")])
    requests = config.requests(_outputs(args), _flags(args, GENERATE_FLAGS))
    status = 0
    for request in requests:
        status = max(status, _check_one(request, args, console) if args.check else _generate_one(request, args, console))
    return status


def _outputs(args: argparse.Namespace) -> list[config.Output]:
    """The config's outputs to run; one without settings for a run given by --spec and --out alone."""
    path = args.config
    named = args.spec or args.crd or args.from_cluster
    if path is None and not (named and args.out):
        path = config.find(Path())
    if path is None:
        if args.output:
            raise KgenError([_usage("--output needs a config: kgen.yaml or [tool.kgen] in pyproject.toml")])
        return [config.Output("command line", {}, "", "")]
    found = config.read(path)
    outputs = config.select(found, args.output or [])
    if len(outputs) > 1 and (named or args.out or args.package_name or args.project_name):
        raise KgenError([_usage(f"--spec, --crd, --from-cluster, --out, --package-name and --project-name name one output, and {path} has {len(outputs)}: choose one with --output NAME")])
    return outputs


def _usage(message: str) -> Diagnostic:
    return Diagnostic(Level.ERROR, message, hint="see kgen generate --help")


def _generate_one(request: Request, args: argparse.Namespace, console: Console) -> int:
    from kgen.app.pipeline import generate

    started = time.perf_counter()
    inputs = sources.read(request)
    with locked(request.out, console.notice) as out:  # an interrupted run is finished first, whatever happens next
        vouched = None if args.full else up_to_date(request, inputs, out)
        if vouched is not None:
            console.result(
                f"kgen: up to date, {vouched} files match kgen.lock; nothing written "
                f"in {time.perf_counter() - started:.2f}s -> {os.fspath(request.out)}"
            )
            return 0
        with console.progress("kgen") as progress:
            result = generate(request, out, progress, inputs)
    console.warnings(result.warnings)
    api, report = result.api, result.report
    assert report is not None
    for path in report.written:
        console.detail(f"kgen: wrote {path}")
    for path in report.removed:
        console.detail(f"kgen: removed {path}")
    console.result(
        f"kgen: {len(api.models)} models, {len(api.operations)} operations in {len(api.units)} packages; "
        f"{len(report.written)} files written, {len(report.unchanged)} unchanged, {len(report.removed)} removed "
        f"in {result.seconds:.2f}s -> {os.fspath(request.out)}"
        + (f"; {count_by_kind(result.warnings)}" if result.warnings else "")
    )
    return 0


def _check_one(request: Request, args: argparse.Namespace, console: Console) -> int:
    with console.progress("kgen --check") as progress:
        result = check(request, progress, full=args.full, waiting=console.notice)
    console.warnings(result.warnings)
    console.detail("kgen: kgen.lock matches this run's inputs and every file it lists" if result.fast else "kgen: generated in memory and compared")
    for text, role in report_lines(result, full_diff=args.diff):
        console.report_line(text, role)
    console.result(summary(result))
    return 0 if result.identical else 1


def _validate(args: argparse.Namespace, console: Console) -> int:
    from kgen.app.pipeline import build_api

    started = time.perf_counter()
    with console.progress("kgen validate") as progress:
        api, warnings = build_api(_document_request(args), progress)
    console.warnings(warnings)
    console.result(
        f"kgen: {api.source} is valid: {len(api.models)} models, {len(api.operations)} operations, "
        f"{count_by_kind(warnings)} in {time.perf_counter() - started:.2f}s"
    )
    return 0


def _list(args: argparse.Namespace, console: Console) -> int:
    from kgen.app.pipeline import build_api

    request = _document_request(args, validate=False)
    with console.progress("kgen list") as progress:
        api, warnings = build_api(request, progress)
    console.warnings(warnings)
    found = listing.rows(api)
    if args.json:
        console.result(listing.as_json(api, found), always=True)
    else:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        for line in listing.table(found, width, api.base_path):
            console.result(line, always=True)
    return 0


def _document_request(args: argparse.Namespace, validate: bool = True) -> Request:
    """A request for commands that read a document and write nothing."""
    flags = {"spec": args.spec, "out": ".", **_flags(args, (*DOCUMENT_FLAGS, "groups", "exclude_groups"))}
    request = config.requests([config.Output("command line", {}, "", "")], flags)[0]
    request.validate = validate
    return request


def _list_targets(args: argparse.Namespace, console: Console) -> int:
    for target in registry.listed(args.templates):
        where = f" (template pack {target.pack.path})" if target.pack else ""
        console.result(f"{target.name or 'overrides':<10} {target.description}{where}", always=True)
    return 0


def _fetch(args: argparse.Namespace, console: Console) -> int:
    from kgen.sources.cluster import fetch_document

    with console.progress("kgen fetch"):
        fetched = fetch_document(args.kubeconfig, args.context, Limits(max_bytes=args.max_bytes or MAX_BYTES))
    console.warnings(fetched.warnings)
    if args.output == "-":
        sys.stdout.buffer.write(fetched.raw)
        sys.stdout.flush()
    else:
        _write_file(Path(args.output), fetched.raw)
    found = fetched.recovered
    report = console.detail if args.output == "-" else console.result  # stdout carries the document
    report(
        f"kgen: fetched {fetched.source} ({len(fetched.raw)} bytes); /openapi/v3 added {found.get('enum', 0)} enums, "
        f"{found.get('nullable', 0)} nullable marks and {found.get('schema', 0)} field schemas -> {args.output}"
    )
    return 0


def _write_file(path: Path, data: bytes) -> None:
    """Replace the file at once, so that an interrupted fetch leaves the previous document.

    The temporary file has a fresh random name and is created exclusively, so a symlink planted
    at a predictable name cannot redirect the write.
    """
    try:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.kgen-tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        raise KgenError([Diagnostic(Level.ERROR, f"cannot write: {exc.strerror}", source=str(path), hint="choose another -o")]) from None


COMMANDS = {"generate": _generate, "validate": _validate, "list": _list, "fetch": _fetch, "targets": _list_targets}


if __name__ == "__main__":
    sys.exit(main())
