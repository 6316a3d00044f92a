"""The kgen command line: flags in, results on stdout, diagnostics on stderr, exit codes out.

Exit codes: 0 success (or, with --check, up to date); 1 --check found
differences; 2 invalid input, configuration or usage, or a file that cannot
be read or written (the previous output is then intact).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import time
import traceback
from pathlib import Path

from kgen import __version__
from kgen.app import config, listing, settings
from kgen.app.check import report_lines, summary
from kgen.app.console import Console
from kgen.app.request import Request
from kgen.diagnostics import Diagnostic, KgenError, Level, count_by_kind
from kgen.sources.loading import MAX_BYTES, Limits
from kgen.targets import packs, registry

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
INTERNAL_ERROR = 70  # EX_SOFTWARE
EXIT_CODES = f"exit codes: 0 success, 1 --check found differences, 2 invalid input or usage, or an I/O error, {INTERNAL_ERROR} a bug in kgen"


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

    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        """A subcommand with -q/-v and its settings' flags (kgen.app.settings)."""
        subcommand = sub.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            epilog="examples:" + EXAMPLES[name] + "\n" + EXIT_CODES,
            parents=[output],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        settings.add_arguments(subcommand, name)
        return subcommand

    command("generate", "generate a client package from a Swagger 2.0 document")

    val = command("validate", "check that a document is valid and can be generated; write nothing")
    val.add_argument("spec", metavar="SPEC", help="the document: a JSON or YAML file, or - for stdin")

    lst = command("list", "show the groups, versions, kinds and operation counts of a document")
    lst.add_argument("spec", metavar="SPEC", help="the document: a JSON or YAML file, or - for stdin")
    lst.add_argument("--json", action="store_true", help="print JSON instead of a table")

    fetch = command("fetch", "save a cluster's /openapi/v2 document, with what its /openapi/v3 adds (enums, nullable)")
    fetch.add_argument("-o", "--output", required=True, help="the file to write, or - for stdout")

    targets = command("targets", "list the languages kgen can generate, and template packs found")
    targets.add_argument("--templates", action="append", default=[], metavar="DIR", help=f"a template pack to list too (also: subdirectories of ${packs.SEARCH_PATH})")
    return parser


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
    except OSError as exc:  # a file kgen reads or writes: the user's to fix
        console.diagnostic(Diagnostic(Level.ERROR, str(exc), hint="check the path, its permissions and the free space"))
        return 2
    except Exception as exc:  # a bug in kgen: say so, rather than blame the input or the options
        if console.verbose:
            traceback.print_exc()
        hint = "this is a bug in kgen: please report it with the command, the document and what -v prints"
        console.diagnostic(Diagnostic(Level.ERROR, f"internal error: {type(exc).__name__}: {exc}", hint=hint))
        return INTERNAL_ERROR


def _generate(args: argparse.Namespace, console: Console) -> int:
    if args.diff and not args.check:
        raise KgenError([_usage("--diff goes with --check")])
    requests = config.requests(_outputs(args), settings.given(args))
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
    from kgen.app.pipeline import UpToDate, generate_output

    with console.progress("kgen") as progress:
        result = generate_output(request, progress, full=args.full, waiting=console.notice)
    if isinstance(result, UpToDate):
        console.result(f"kgen: up to date, {result.files} files match kgen.lock; nothing written in {result.seconds:.2f}s -> {os.fspath(request.out)}")
        return 0
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
    from kgen.app.pipeline import check_output

    with console.progress("kgen --check") as progress:
        result = check_output(request, progress, full=args.full, waiting=console.notice)
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
    flags = {"spec": args.spec, "out": ".", **settings.given(args)}
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
