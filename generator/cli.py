"""The `docs2models` command: argument parsing, printing and exit codes — nothing else.

Exit codes, as black uses them: 0 success (or, for `check`, up to date); 1 `check` found
that the output differs from the docs; 2 the docs (or the output folder) have errors;
3 an internal error in docs2models itself; 4 done, but docs with errors were left out
(only with --allow-unknown).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import errno
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from generator import __version__
from generator import config as config_module
from generator.config import Config, ConfigError, NumberPolicy, Target, WirePolicy
from generator.errors import printable
from generator.ir import to_jsonable
from generator.read.sources import has_docs, shown_path, tree_stamp
from generator.run import engine, report
from generator.write.folder import OutputError, check_folder

if TYPE_CHECKING:
    from generator.run.semantic import Drift

EXIT_OK, EXIT_DRIFT, EXIT_ERRORS, EXIT_INTERNAL, EXIT_LEFT_OUT = 0, 1, 2, 3, 4


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docs2models",
        description="Turn Markdown API model docs (Speakeasy style) into typed Python models.",
        epilog=_config_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"docs2models {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in (
        ("generate", "write the Python package for the docs in SPECS to OUT"),
        ("check", "exit 1, with the changes and a diff, when OUT does not match SPECS"),
        ("watch", "generate, then again whenever a doc in SPECS changes (Ctrl-C stops)"),
        ("ir", "print the intermediate schema of SPECS as JSON"),
    ):
        cmd = sub.add_parser(
            name,
            help=text,
            description=text,
            epilog=_config_help(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        cmd.add_argument("specs", nargs="?", metavar="SPECS", help="docs folder (default: specs)")
        if name != "ir":
            cmd.add_argument(
                "-o", "--output", metavar="OUT", help="package folder (default: generated)"
            )
            cmd.add_argument("-q", "--quiet", action="store_true", help="print errors only")
            cmd.add_argument(
                "-v", "--verbose", action="store_true", help="say what was redone and how long"
            )
            cmd.add_argument(
                "--format",
                choices=("text", "json", "github"),
                default="text",
                help="json: diagnostics, changes and the diff as one JSON document on stdout; "
                "github: the changes as GitHub Actions annotations (and a table in "
                "$GITHUB_STEP_SUMMARY), then the text output",
            )
            cmd.add_argument("-j", "--jobs", type=_jobs, metavar="N", help="worker processes")
            cmd.add_argument(
                "--no-cache", action="store_true", help="neither read nor write the cache"
            )
        if name == "check":
            _check_flags(cmd)
        if name in ("generate", "watch"):
            cmd.add_argument(
                "--exit-nonzero-on-change",
                action="store_true",
                help="exit 1 when files were written (for pre-commit, like a formatter)",
            )
        _option_flags(cmd)
    return parser


def _check_flags(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--fail-on",
        choices=("any", "breaking"),
        help="exit 1 on any drift (default), or only when a change breaks callers",
    )
    cmd.add_argument(
        "--diff",
        choices=("full", "signatures"),
        default="full",
        help="signatures: leave function bodies (the JSON load/dump code) out of the diff",
    )
    cmd.add_argument(
        "--summary-only", action="store_true", help="print the summary of changes, no diff"
    )


def _option_flags(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--config",
        metavar="FILE",
        help="read [tool.docs2models] from FILE (default: ./pyproject.toml if there is one)",
    )
    cmd.add_argument(
        "--allow-unknown",
        action="store_true",
        default=None,
        help="type what the grammar does not know as Any, with a warning, instead of failing",
    )
    cmd.add_argument("--number", choices=get_args(NumberPolicy), help="what a `number` is")
    cmd.add_argument("--wire-names", choices=get_args(WirePolicy), help="JSON key policy")
    cmd.add_argument(
        "--line-length", type=_line_length, metavar="N", help="black's line length (40-320)"
    )
    cmd.add_argument(
        "--target", choices=get_args(Target), help="what the models are (default: dataclasses)"
    )
    cmd.add_argument(
        "--ts-sources",
        metavar="DIR",
        help="the SDK's TypeScript model sources: JSON keys, integers and nulls from them",
    )
    cmd.add_argument(
        "--no-ts-sources",
        action="store_true",
        help="do not read TypeScript sources, even where they are found beside the docs",
    )
    cmd.add_argument(
        "--type",
        action="append",
        default=[],
        metavar="MODEL.FIELD=TYPE",
        help="a field's type in the docs' syntax, e.g. TokenCreateResponse.clientId=integer",
    )
    cmd.add_argument(
        "--wire",
        action="append",
        default=[],
        metavar="MODEL.FIELD=KEY",
        help="a field's JSON key",
    )


def _line_length(text: str) -> int:
    value = int(text) if text.strip().lstrip("-").isdigit() else 0
    if not 40 <= value <= 320:
        raise argparse.ArgumentTypeError(f"expected a whole number from 40 to 320, got {text!r}")
    return value


def _jobs(text: str) -> int:
    value = int(text) if text.isdigit() else 0
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 256, got {text!r}")
    return value


def _config_help() -> str:
    lines = ["configuration: [tool.docs2models] in pyproject.toml (flags win):"]
    lines += [f"  {key:<14} {text}" for key, text in config_module.KEYS.items()]
    return "\n".join(lines)


def _config(args: argparse.Namespace) -> Config:
    """The config file's settings with the command line's on top."""
    path = Path(args.config) if args.config else Path("pyproject.toml")
    if args.config and not path.is_file():
        raise ConfigError(f"--config {args.config}: no such file")
    config = config_module.load(path if path.is_file() else None)
    changes: dict[str, Any] = {}
    mode: dict[str, Any] = {}
    if args.specs:
        changes["specs"] = Path(args.specs)
    if getattr(args, "output", None):
        changes["output"] = Path(args.output)
    if getattr(args, "jobs", None) is not None:
        changes["jobs"] = args.jobs
    if getattr(args, "fail_on", None) is not None:
        changes["fail_on"] = args.fail_on
    for flag in ("allow_unknown", "number", "wire_names", "line_length", "target"):
        if getattr(args, flag, None) is not None:
            mode[flag] = getattr(args, flag)
    if os.environ.get("DOCS2MODELS_CACHE") and not config.cache_configured:
        changes["cache_dir"] = Path(os.environ["DOCS2MODELS_CACHE"])
    if getattr(args, "no_cache", False):
        changes["cache_dir"] = None
    if args.type:
        pairs = [config_module.parse_assignment(t, "--type") for t in args.type]
        mode["types"] = {**config.types, **dict(pairs)}
    if args.wire:
        pairs = [config_module.parse_assignment(w, "--wire") for w in args.wire]
        mode["wire"] = {**config.wire, **dict(pairs)}
    if args.ts_sources:
        changes["ts_sources_setting"] = Path(args.ts_sources)
    if args.no_ts_sources:
        changes["ts_sources_setting"] = False
    config = dataclasses.replace(config, **changes).with_mode(**mode)
    folder, _ = config_module.sources_folder(config)
    if folder is None:
        return config
    return config.with_mode(ts_sources=str(folder), ts_stamp=tree_stamp(folder, ".ts"))


def entry() -> None:
    """The `docs2models` command (and `python -m generator`): `main`, then an exit that
    skips the interpreter's teardown. By then every file is written and closed, the cache
    committed and closed, the worker pools joined; freeing a run's objects one by one
    only cost time (90 ms of a 0.7 s run). Output is flushed first."""
    code = main()  # argparse's own exits (--help, a bad flag) pass through as usual
    with contextlib.suppress(OSError, ValueError):  # a reader that closed the pipe early
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        config = _config(args)
        if not config.specs.is_dir():
            _say(f"docs2models: the specs folder {config.specs} does not exist")
            return EXIT_ERRORS
        if args.command in ("generate", "check") and not has_docs(config.specs):
            _say(
                f"docs2models: no .md or .mdx docs found in {config.specs}; "
                "nothing to generate (is SPECS the docs folder?)"
            )
            return EXIT_ERRORS
        found = config.ts_sources_setting is None and config.ts_sources is not None
        if found and not getattr(args, "quiet", False):
            _say(
                f"docs2models: reading JSON keys, integers and nulls from the TypeScript "
                f"sources in {config.ts_sources} (--no-ts-sources: docs only)"
            )
        if args.command == "ir":
            return _ir(config)
        config_module.package_name(config.output)
        check_folder(config.output, config.specs)
        if args.command == "watch":
            return _watch(config, args)
        return _generate(config, args, check=args.command == "check")
    except (ConfigError, OutputError) as exc:
        _say(f"docs2models: {exc}")
        return EXIT_ERRORS
    except BrokenPipeError:  # the reader went away (`docs2models ir | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("docs2models: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        if exc.errno not in _REFUSED or exc.filename is None:
            return _internal(exc)
        _say(f"docs2models: {exc.filename}: {exc.strerror}")
        return EXIT_ERRORS
    except Exception as exc:  # a bug in docs2models: say so plainly, no traceback
        return _internal(exc)


_REFUSED = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, getattr(errno, "EDQUOT", 0)}
"""What the system may refuse a write for, through no fault of docs2models (exit 2)."""


def _internal(exc: BaseException) -> int:
    """A bug in docs2models: said plainly, with the traceback only when asked for."""
    _say(f"docs2models: internal error: {type(exc).__name__}: {exc}")
    if os.environ.get("DOCS2MODELS_DEBUG"):
        traceback.print_exc()
    else:
        print("  set DOCS2MODELS_DEBUG=1 for the traceback, and please report it", file=sys.stderr)
    return EXIT_INTERNAL


def _exit_code(result: engine.Report, check: bool, nonzero_on_change: bool, fails: bool) -> int:
    """Errors (2) before drift (1) before docs left out (4); `fails`: the drift is one
    the fail-on policy stops at."""
    if result.failed or result.plan is None or result.plan.conflicts:
        return EXIT_ERRORS
    if not result.plan.clean and ((check and fails) or nonzero_on_change):
        return EXIT_DRIFT
    return EXIT_LEFT_OUT if result.left_out else EXIT_OK


def _drift(
    result: engine.Report, config: Config, args: argparse.Namespace, check: bool
) -> Drift | None:
    """What the run changes for callers, when the output will show it."""
    plan = result.plan
    if result.failed or plan is None or plan.clean or plan.conflicts:
        return None
    shows = check or args.format != "text" or getattr(args, "exit_nonzero_on_change", False)
    if not shows:
        return None
    from generator.run import semantic  # noqa: PLC0415 (a plain generate shows no drift)

    return semantic.drift(plan, config.output, config.specs)


def _generate(config: Config, args: argparse.Namespace, check: bool) -> int:
    """generate or check; prints diagnostics, the summary, and for check the changes."""
    specs, out = config.specs, config.output
    as_json = args.format == "json"
    bar = report.ProgressBar(sys.stderr.isatty() and not args.quiet and not as_json)
    result = engine.run(config, write=not check, progress=bar)
    bar.finish()
    command = "check" if check else "generate"
    found = _drift(result, config, args, check)
    fails = config.fail_on == "any" or (found is not None and found.fails_on_breaking())
    nonzero = getattr(args, "exit_nonzero_on_change", False)
    code = _exit_code(result, check, nonzero, fails)
    missing = _untracked(result, out) if nonzero and not result.failed else []
    if missing and code == EXIT_OK:
        code = EXIT_DRIFT
    if as_json:
        sys.stdout.write(report.json_document(result, specs, out, command, code, found=found))
    else:
        for line in report.diagnostics_text(result.diagnostics, specs, args.quiet, args.verbose):
            print(line, file=sys.stderr)
    if args.format == "github":
        _github(result, found, config)
    if args.verbose:
        print(report.verbose(result), file=sys.stderr)
    if result.failed:
        errors = sum(d.blocking for d in result.diagnostics)
        _say(f"docs2models: {errors} error(s) in {specs}; {out} left as it was")
        return code
    plan = result.plan
    assert plan is not None
    for rel in plan.conflicts:
        _say(f"{out / rel}: exists but was not written by docs2models; move it away")
    if plan.conflicts or as_json:
        return code
    if not check:
        _generated(result, args, found, missing, out)
    elif plan.clean:
        if not args.quiet:
            _say(f"docs2models: {out} is up to date with {result.doc_count} docs")
    else:
        _drifted(result, args, found, code, out)
    if result.left_out:
        _say(
            f"docs2models: {len(result.left_out)} doc(s) left out of {out} because of "
            "their errors (--allow-unknown); exit code 4"
        )
    return code


def _generated(
    result: engine.Report,
    args: argparse.Namespace,
    found: Drift | None,
    missing: list[str],
    out: Path,
) -> None:
    """After generate: for the pre-commit hook, what changed (with the breaking marks)
    and the generated files git does not track."""
    if found is not None and found.changes and not args.quiet:
        sys.stdout.write(report.semantic_text(found, out))
    if not args.quiet:
        print(report.summary(result, out, "written"), file=sys.stderr)
    if missing:
        shown = " ".join(printable(m) for m in missing[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        _say(
            f"docs2models: {len(missing)} generated file(s) are not tracked by git, so a "
            f"commit would leave them out: {shown}{more} (git add them)"
        )


def _drifted(
    result: engine.Report,
    args: argparse.Namespace,
    found: Drift | None,
    code: int,
    out: Path,
) -> None:
    """After a check that found drift: the summary, the diff, what to do."""
    plan = result.plan
    assert plan is not None
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    from generator.run.semantic import Drift  # noqa: PLC0415 (a drifted check only)

    sys.stdout.write(report.semantic_text(found or Drift(), out))
    if not args.summary_only:
        sys.stdout.write(report.diff_text(plan, out, color, args.diff == "signatures"))
    if not args.quiet:
        print(report.summary(result, out, "would be written"), file=sys.stderr)
    if code == EXIT_DRIFT:
        _say(f"docs2models: {out} is out of date; run `docs2models generate`")
    else:
        _say(f"docs2models: {out} is out of date, but no change breaks callers (--fail-on)")


def _untracked(result: engine.Report, out: Path) -> list[str]:
    plan = result.plan
    if plan is None or plan.conflicts:
        return []
    from generator.run import gittracked  # noqa: PLC0415 (the pre-commit hook only)

    return gittracked.untracked(out, {*plan.written, *plan.unchanged})


def _github(result: engine.Report, found: Drift | None, config: Config) -> None:
    """GitHub Actions annotations on stdout (diagnostics, then changes), and the table of
    changes appended to $GITHUB_STEP_SUMMARY when the runner sets it."""
    from generator.run import drift_report  # noqa: PLC0415 (--format github only)

    for line in drift_report.diagnostic_lines(result.diagnostics, config.specs):
        print(line)
    out = shown_path(str(config.output))
    if found is not None:
        for line in drift_report.github_lines(found):
            print(line)
        table = drift_report.markdown_table(found, out)
    elif result.plan is not None and result.plan.clean and not result.failed:
        table = printable(f"### docs2models: {out} is up to date") + "\n"
    else:
        return
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    try:
        if summary_file:
            with open(summary_file, "a", encoding="utf-8") as fh:
                fh.write(table)
    except OSError as exc:
        _say(f"docs2models: GITHUB_STEP_SUMMARY {summary_file}: {exc.strerror or exc}")


def _watch(config: Config, args: argparse.Namespace) -> int:
    """Regenerate on every change; errors are printed and the watch goes on."""
    from generator.run.watch import watch  # noqa: PLC0415

    def show(result: engine.Report) -> None:
        lines = report.diagnostics_text(result.diagnostics, config.specs, args.quiet, args.verbose)
        for line in lines:
            print(line, file=sys.stderr)
        if result.failed:
            _say(f"docs2models: errors in {config.specs}; waiting for changes")
        elif not args.quiet:
            print(report.summary(result, config.output, "written"), file=sys.stderr)
        sys.stderr.flush()

    if not args.quiet:
        _say(f"docs2models: watching {config.specs} (Ctrl-C stops)")
    try:
        watch(config, show)
    except KeyboardInterrupt:
        return EXIT_OK
    return EXIT_OK


def _say(message: str) -> None:
    """A line on stderr (in JSON mode stdout holds only the document), with control
    characters from file names or docs escaped."""
    print(printable(message), file=sys.stderr)


def _ir(config: Config) -> int:
    from generator.run.pipeline import build  # noqa: PLC0415 (the parser loads only when needed)

    specs = config.specs
    built = build(config, render=False)
    payload = {
        "specs": shown_path(str(specs)),
        "docs": [to_jsonable(d) for d in built.docs],
        "diagnostics": [
            {
                "path": d.loc.path,
                "line": d.loc.line,
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message,
                "left_out": d.left_out,
            }
            for d in built.diagnostics
        ],
    }
    sys.stdout.write(report.json_text(payload))
    for line in report.diagnostics_text(built.diagnostics, specs, quiet=False):
        print(line, file=sys.stderr)
    if built.failed:
        return EXIT_ERRORS
    return EXIT_LEFT_OUT if built.left_out else EXIT_OK
