"""The kgen command line: flags in, diagnostics on stderr, results on stdout, exit codes out.

Exit codes: 0 success, 1 a check found differences, 2 invalid input or usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kgen import __version__
from kgen.diagnostics import KgenError
from kgen.loading import MAX_BYTES, MAX_DEFINITIONS, MAX_DEPTH, MAX_DEPTH_CEILING, MAX_OPERATIONS, Limits
from kgen.validation import VALIDATION_TIMEOUT

EXAMPLES = """examples:
  kgen generate --spec cluster.json --out clients/ --package-name kube
  kubectl get --raw /openapi/v2 | kgen generate --spec - --out clients/
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kgen",
        description="Typed, fast client generator for Kubernetes-style Swagger 2.0 APIs.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser(
        "generate",
        help="generate a client package from a Swagger 2.0 document",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    gen.add_argument("--spec", required=True, help="the document: a JSON or YAML file, or - for stdin")
    gen.add_argument("--out", required=True, type=Path, help="output directory (files kgen did not write are kept)")
    gen.add_argument("--target", default="python", choices=["python"], help="language to generate (default: python)")
    gen.add_argument("--package-name", default="kube", help="import name of the generated package (default: kube)")
    gen.add_argument("--project-name", help="distribution name in the generated pyproject.toml (default: from --package-name)")
    gen.add_argument("--project-version", default="0.1.0", help="version in the generated pyproject.toml")
    gen.add_argument("--lenient", action="store_true", help="turn quirks real clusters publish into warnings")
    gen.add_argument("--no-format", action="store_true", help="skip black")
    gen.add_argument("--max-bytes", type=_count(1), default=MAX_BYTES, help=f"refuse larger documents (default {MAX_BYTES})")
    gen.add_argument(
        "--max-depth", type=_count(1, MAX_DEPTH_CEILING), default=MAX_DEPTH, help=f"refuse deeper nesting (default {MAX_DEPTH}, at most {MAX_DEPTH_CEILING})"
    )
    gen.add_argument("--max-definitions", type=_count(1), default=MAX_DEFINITIONS, help=f"refuse more definitions (default {MAX_DEFINITIONS})")
    gen.add_argument("--max-operations", type=_count(1), default=MAX_OPERATIONS, help=f"refuse more operations (default {MAX_OPERATIONS})")
    gen.add_argument(
        "--validation-timeout",
        type=float,
        default=VALIDATION_TIMEOUT,
        metavar="SECONDS",
        help=f"give up validating after this long (default {VALIDATION_TIMEOUT:g}; an error unless --lenient)",
    )
    gen.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    return parser


def _count(low: int, high: int | None = None):
    """An argparse type: an integer in [low, high]."""

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
    try:
        if args.command == "generate":
            return _generate(args)
    except KgenError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.render(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 2


def _generate(args: argparse.Namespace) -> int:
    from kgen.pipeline import Request, generate

    request = Request(
        spec=args.spec,
        out=args.out,
        target=args.target,
        package_name=args.package_name,
        project_name=args.project_name,
        project_version=args.project_version,
        lenient=args.lenient,
        format=not args.no_format,
        validation_timeout=args.validation_timeout,
        limits=Limits(args.max_bytes, args.max_depth, args.max_definitions, args.max_operations),
    )
    result = generate(request)
    for warning in result.warnings:
        if not args.quiet:
            print(warning.render(), file=sys.stderr)
    if not args.quiet:
        report = result.report
        assert report is not None
        api = result.api
        print(
            f"kgen: {len(api.models)} models, {len(api.operations)} operations in {len(api.units)} packages; "
            f"{len(report.written)} files written, {len(report.unchanged)} unchanged, {len(report.removed)} removed "
            f"in {result.seconds:.2f}s -> {os.fspath(args.out)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
