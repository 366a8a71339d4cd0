"""The `docs2models` command: argument parsing, printing and exit codes — nothing else.

Exit codes, as black uses them: 0 success (or, for `check`, up to date); 1 `check` found
that the output differs from the docs; 2 the docs (or the output folder) have errors;
3 an internal error in docs2models itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from . import __version__
from .errors import Diagnostic, Severity
from .ir import to_jsonable
from .output import Plan, plan, recover, unified_diff, write
from .pipeline import Built, build

EXIT_OK, EXIT_DRIFT, EXIT_ERRORS, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docs2models",
        description="Turn Markdown API model docs (Speakeasy style) into typed Python models.",
    )
    parser.add_argument("--version", action="version", version=f"docs2models {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in (
        ("generate", "write the Python package for the docs in SPECS to OUT"),
        ("check", "exit 1 with a diff when OUT does not match the docs in SPECS; writes nothing"),
    ):
        cmd = sub.add_parser(name, help=text, description=text)
        cmd.add_argument(
            "specs",
            nargs="?",
            default="specs",
            metavar="SPECS",
            help="docs folder (default: specs)",
        )
        cmd.add_argument(
            "-o",
            "--output",
            default="generated",
            metavar="OUT",
            help="package folder (default: generated)",
        )
        cmd.add_argument("-q", "--quiet", action="store_true", help="print errors only")
        _allow_unknown_flag(cmd)
    ir = sub.add_parser("ir", help="print the intermediate schema of SPECS as JSON")
    ir.add_argument(
        "specs", nargs="?", default="specs", metavar="SPECS", help="docs folder (default: specs)"
    )
    _allow_unknown_flag(ir)
    return parser


def _allow_unknown_flag(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--allow-unknown",
        action="store_true",
        help="type what the grammar does not know as Any, with a warning, instead of failing",
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    if not Path(args.specs).is_dir():
        print(f"docs2models: the specs folder {args.specs} does not exist", file=sys.stderr)
        return EXIT_ERRORS
    try:
        if args.command == "ir":
            return _ir(Path(args.specs), args.allow_unknown)
        return _generate(
            Path(args.specs),
            Path(args.output),
            check=args.command == "check",
            quiet=args.quiet,
            allow_unknown=args.allow_unknown,
        )
    except BrokenPipeError:  # the reader went away (`docs2models ir | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("docs2models: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug in docs2models: say so plainly, no traceback
        print(f"docs2models: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("DOCS2MODELS_DEBUG"):
            traceback.print_exc()
        else:
            print(
                "  set DOCS2MODELS_DEBUG=1 for the traceback, and please report it", file=sys.stderr
            )
        return EXIT_INTERNAL


def _print_diagnostics(diags: tuple[Diagnostic, ...], specs: Path, quiet: bool) -> None:
    for d in sorted(diags, key=lambda d: (d.loc, d.message)):
        if quiet and d.severity is not Severity.ERROR:
            continue
        print(d.format(str(specs)), file=sys.stderr)


def _generate(
    specs: Path, out: Path, *, check: bool, quiet: bool, allow_unknown: bool = False
) -> int:
    if not check:
        recover(out)
    built = build(specs, allow_unknown=allow_unknown)
    _print_diagnostics(built.diagnostics, specs, quiet)
    if built.failed:
        count = sum(d.severity is Severity.ERROR for d in built.diagnostics)
        print(f"docs2models: {count} error(s) in {specs}; {out} left as it was", file=sys.stderr)
        return EXIT_ERRORS
    p = plan(built.files, out)
    if p.conflicts:
        for rel in p.conflicts:
            print(
                f"{out / rel}: exists but was not written by docs2models; move it away",
                file=sys.stderr,
            )
        return EXIT_ERRORS
    if check:
        return _report_check(p, out, built, quiet)
    write(p, out)
    if not quiet:
        print(_summary(built, p, out, verb="written"), file=sys.stderr)
    return EXIT_OK


def _report_check(p: Plan, out: Path, built: Built, quiet: bool) -> int:
    if p.clean:
        if not quiet:
            print(f"docs2models: {out} is up to date with {built.doc_count} docs", file=sys.stderr)
        return EXIT_OK
    sys.stdout.write(unified_diff(p, out.as_posix().rstrip("/")))
    if not quiet:
        print(_summary(built, p, out, verb="would be written"), file=sys.stderr)
    print(f"docs2models: {out} is out of date; run `docs2models generate`", file=sys.stderr)
    return EXIT_DRIFT


def _summary(built: Built, p: Plan, out: Path, verb: str) -> str:
    written = len(p.added) + len(p.changed)
    return (
        f"docs2models: {built.doc_count} docs → {out}: {written} {verb}, "
        f"{len(p.unchanged)} unchanged, {len(p.removed)} removed"
    )


def _ir(specs: Path, allow_unknown: bool) -> int:
    built = build(specs, render=False, allow_unknown=allow_unknown)
    payload = {
        "specs": str(specs),
        "docs": [to_jsonable(d) for d in built.docs],
        "diagnostics": [
            {
                "path": d.loc.path,
                "line": d.loc.line,
                "severity": d.severity.value,
                "message": d.message,
            }
            for d in built.diagnostics
        ],
    }
    json.dump(payload, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    _print_diagnostics(built.diagnostics, specs, quiet=False)
    return EXIT_ERRORS if built.failed else EXIT_OK
