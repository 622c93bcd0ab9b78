"""The ``listlint`` command. Thin: flags -> config -> lint -> formatter -> exit code.

``listlint FILE...`` is short for ``listlint check FILE...``. Exit codes: 0 nothing at
or above ``--fail-on``, 1 findings at or above it, 2 usage/config/unusable input, 143 the
run was stopped by SIGTERM and 130 by Ctrl-C (128 + the signal's number, what a shell
reports for a process killed by it; worker processes are stopped and temporary files
removed first).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any, cast

import click

from listlint import __version__
from listlint.errors import ConfigError, ListlintError

SEVERITIES = ["error", "warning", "info"]


class DefaultGroup(click.Group):
    """A group whose first argument, when not a subcommand, goes to ``check``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            _did_you_mean(args[0], list(self.commands))
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _did_you_mean(word: str, commands: list[str]) -> None:
    """``listlint expalin PR101`` is a mistyped command, not a missing file: a word that
    names no file, has no extension or folder in it and is close to a command."""
    import difflib

    if word.startswith("-") or "." in word or os.sep in word or os.path.exists(word):
        return
    close = difflib.get_close_matches(word.lower(), commands, n=1, cutoff=0.6)
    if close:
        _fail(f"unknown command {word!r}; did you mean {close[0]!r}? (see listlint --help)")


def _pairs(values: tuple[str, ...], flag: str) -> dict[str, str]:
    out = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key.strip() or not val.strip():
            raise ConfigError(f"{flag} expects KEY=VALUE, got {value!r}")
        out[key.strip()] = val.strip()
    return out


def _t(value: object) -> str:
    """Text for stderr: one line, and no terminal escapes (a sheet name, SKU or ignore
    file entry can carry ESC ]0;... that retitles or rewrites the user's terminal)."""
    from listlint.formatters.safe import clean_text

    return " ".join(clean_text(value).split())


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"listlint: error: {_t(message)}", err=True)
    sys.exit(code)


#: the file a run was reading or writing last: an unexpected error names it
_WORKING_ON: list[str] = []

#: exit code of a run stopped by SIGTERM or by Ctrl-C (SIGINT): 128 + the signal's
#: number, as a shell reports a process killed by it
EXIT_TERMINATED = 143
EXIT_INTERRUPTED = 130


class Terminated(BaseException):
    """SIGTERM as an exception: the run unwinds, so the temporary folders of spilled
    findings and partials (``listlint-*``) are removed instead of left behind. A
    BaseException, like KeyboardInterrupt, so no ``except Exception`` swallows it."""


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def _on_sigterm() -> Any:
    """Install the SIGTERM handler; returns the previous one (None if not installable,
    e.g. outside the main thread)."""
    import signal

    try:
        return signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:
        return None


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="listlint")
def main() -> None:
    """Lint product catalogues (CSV, TSV, XLSX, JSON, JSONL) before you upload them.

    \b
      listlint catalog.xlsx
      listlint catalog.csv --policy tiktok-shop-us,amazon-us
      listlint rules
      listlint explain PR101
    """


def entry() -> None:
    """The ``listlint`` command and ``python -m listlint``: the process is listlint's own,
    so start-up may tune the garbage collector (:mod:`listlint.gcpolicy`) and the memory
    allocators (:mod:`listlint.allocators`, before polars is imported)."""
    from listlint import allocators, gcpolicy

    allocators.tune()
    gcpolicy.own_process()
    main()


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--policy",
    "-p",
    multiple=True,
    help="Marketplace policy pack(s): names or YAML paths, comma-separated.",
)
@click.option(
    "--select",
    multiple=True,
    help="Only these rules: codes, prefixes (PR), groups (claims), names, or ALL.",
)
@click.option("--extend-select", multiple=True, help="Add rules to the default selection.")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes, groups, names).")
@click.option(
    "--severity",
    "severities",
    multiple=True,
    metavar="CODE=LEVEL",
    help="Override a rule's severity.",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Exit 1 when a finding is at or above this level [default: error].",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    default=None,
    help="Output format: text, json, csv, sarif, github, junit, html, or xlsx (an annotated "
    "copy of the input; needs --output).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report here (format from the extension unless --format).",
)
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="FIELD=HEADER",
    help="Map a column to a field, e.g. --map title='Product Name'.",
)
@click.option("--sheet", default=None, help="Only this workbook sheet.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Config file (listlint.toml or pyproject.toml).",
)
@click.option("--isolated", is_flag=True, help="Ignore config files.")
@click.option(
    "--jobs",
    "-j",
    type=int,
    default=None,
    help="Worker processes (0 = automatic: one per core, counting this one).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "spark", "dask"]),
    default="local",
    help="Where to lint: this process (default), or Apache Spark / Dask (Parquet input).",
)
@click.option("--master", default=None, help="Spark master URL or Dask scheduler address.")
@click.option(
    "--color/--no-color", default=None, help="Colour the text output [default: when a terminal]."
)
@click.option("--quiet", "-q", is_flag=True, help="Text format: only the summary line.")
@click.option(
    "--ignore-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="YAML list of {sku, rule, reason} suppressions.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Report only findings not in this baseline.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Record today's findings as the baseline and exit 0.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr [default: on a terminal, for big files].",
)
@click.option(
    "--show-config",
    is_flag=True,
    help="Print the resolved configuration (with where each value came from) and exit.",
)
@click.option(
    "--skip-non-catalogues",
    is_flag=True,
    help="Skip named files whose content is not a product catalogue (the pre-commit hook "
    "does this; files found in a folder always are).",
)
def check(files: tuple[Path, ...], **opts: Any) -> None:
    """Lint catalogue FILES and report findings.

    A FILE may be a folder (its catalogue files, recursively, chosen by content) or -
    (standard input, format sniffed from the bytes)."""
    from listlint import gcpolicy
    from listlint.runtemp import run_folder

    gcpolicy.defer()  # until the first batch is linted: see listlint.gcpolicy
    previous = _on_sigterm()
    stopped: tuple[str, int] | None = None
    _WORKING_ON.clear()
    try:
        with run_folder():
            code = _check(files, opts)
    except ListlintError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        stopped = ("interrupted (SIGINT): the run was stopped", EXIT_INTERRUPTED)
    except Terminated:
        stopped = ("terminated (SIGTERM): the run was stopped", EXIT_TERMINATED)
    except BrokenPipeError:
        # output piped into `head` and closed early: not an error of ours
        sys.stderr.close()
        os._exit(0)
    except MemoryError:
        _fail("out of memory; lint the file in parts or raise the machine's memory")
    except Exception as exc:  # never a traceback for a user
        if os.environ.get("LISTLINT_DEBUG"):
            raise
        where = f"{_WORKING_ON[-1]}: " if _WORKING_ON else ""
        _fail(
            f"{where}internal error ({type(exc).__name__}: {exc}); set LISTLINT_DEBUG=1 for details"
        )
    finally:
        gcpolicy.settle()  # no-op once a batch was linted; here for runs that stopped early
        if previous is not None:
            import signal

            signal.signal(signal.SIGTERM, previous)
    if stopped is not None:
        _stop(*stopped)
    sys.exit(code)


def _stop(message: str, code: int) -> None:
    """A stopped run: the workers are killed and the temporary folder is gone by now
    (unwinding did both); exit at once, since interpreter exit would join helper
    threads of the process pool that may be blocked on the killed workers."""
    click.echo(f"listlint: error: {message}", err=True)
    with contextlib.suppress(Exception):
        from multiprocessing import util

        # what interpreter exit would do for the pool's queues and locks (release the
        # semaphores, so the resource tracker has no "leaked" warning to print), minus
        # the finalisers below priority 0: those join threads
        util._run_finalizers(0)  # type: ignore[attr-defined]
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _check(files: tuple[Path, ...], opts: dict[str, Any]) -> int:
    from listlint.config import build_config

    if not files and not opts["show_config"]:
        raise ConfigError("no input files given (try: listlint catalog.csv)")
    _refuse_option_like(files)
    overrides: dict[str, Any] = {
        "policy": _split(opts["policy"]),
        "select": _split(opts["select"]),
        "extend_select": _split(opts["extend_select"]),
        "ignore": _split(opts["ignore"]),
        "severity": _pairs(opts["severities"], "--severity") or None,
        "fail_on": opts["fail_on"],
        "columns": _pairs(opts["mappings"], "--map") or None,
        "sheet": opts["sheet"],
        "jobs": opts["jobs"],
        "ignore_file": _str(opts["ignore_file"]),
        "baseline": _str(opts["baseline_path"]),
    }
    if opts["show_config"]:
        _show_config(overrides, opts["config_path"], opts["isolated"], "text")
        return 0
    config, _source = build_config(
        overrides, config_path=opts["config_path"], isolated=opts["isolated"]
    )
    if opts["write_baseline"] is not None:  # record every finding, not only new ones
        config = config.model_copy(update={"baseline": None})
    from listlint import formatters
    from listlint.engine import RuleSet
    from listlint.runner import run

    fmt = opts["fmt"] or _format_from_output(opts["output"]) or "text"
    write = formatters.get(fmt)
    shown = _inputs(files, opts["skip_non_catalogues"], config)
    if not shown:
        click.echo("listlint: no catalogue files to check", err=True)
        return 0
    files = tuple(shown)
    _refuse_overwriting_inputs(files, opts["output"], opts["write_baseline"])
    _check_targets(opts["output"], opts["write_baseline"])
    ruleset = RuleSet.build(config)
    from listlint.progress import Progress

    seen: list[Any] = []
    progress = Progress.for_files(files, opts["progress"])

    def catalogs() -> Any:
        for p in files:
            progress.start(p)
            _WORKING_ON.append(shown[p])
            catalog = _load(p, shown[p], config)
            seen.append(catalog)
            yield catalog
            progress.advance(p)

    try:
        if opts["engine"] != "local" or opts["master"]:
            from listlint import gcpolicy
            from listlint.distributed import lint_files

            gcpolicy.settle()  # a driver collects other engines' results: collect as usual
            report = lint_files(opts["engine"], files, config, opts["master"])
        else:
            report = run(catalogs(), ruleset, spill=True)
    finally:
        progress.close()
    for notice in report.notices:
        click.echo(f"listlint: notice: {_t(notice)}", err=True)
    from listlint.reportmeta import describe

    report = describe(report, ruleset, seen)
    if opts["write_baseline"] is not None:
        from listlint import baseline

        n = baseline.dump(report.findings, opts["write_baseline"])
        click.echo(
            f"listlint: wrote baseline of {n} finding(s) to {_t(opts['write_baseline'])}", err=True
        )
        return 0
    color = opts["color"]
    if color is None:
        color = opts["output"] is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = formatters.FormatOptions(
        width=_text_width(opts["output"]) if fmt == "text" else None,
        color=bool(color) and fmt == "text",
        output=str(opts["output"]) if opts["output"] else None,
        inputs=[shown[p] for p in files],
        files={shown[p]: str(p) for p in files},
        limits=config.limits,
    )
    if opts["quiet"] and fmt == "text":
        report_to_show = report.model_copy(update={"findings": []})
    else:
        report_to_show = report
    if opts["output"] is not None:
        _WORKING_ON.append(str(opts["output"]))
    _emit(write, report_to_show, options, fmt)
    if opts["output"] is not None:
        click.echo(f"listlint: wrote {_t(opts['output'])}: {_counts(report)}", err=True)
    return report.exit_code(config.fail_on)


def _refuse_option_like(files: tuple[Path, ...]) -> None:
    """A file named ``--write-baseline=x.json`` committed to a repository became an
    option of the pre-commit hook (and a pass). The hook ends its options with ``--``;
    a name starting with '-' that still arrives is refused rather than guessed at, and a
    hook run without ``--`` is refused too (user ``args`` replace the hook's own)."""
    for f in files:
        name = str(f)
        if name.startswith("-") and name != "-":
            raise ConfigError(
                f"refusing the file name {name!r}: it starts with '-' and reads as an option; "
                f"rename it, or give it as ./{name}"
            )
    if os.environ.get("PRE_COMMIT") == "1" and "--" not in sys.argv[1:]:
        raise ConfigError(
            "in a pre-commit hook, end `args` with '--' (for example "
            "args: [--policy, amazon-us, --]) so that no file name can be read as an option"
        )


def _inputs(files: tuple[Path, ...], only_catalogues: bool, config: Any) -> dict[Path, str]:
    """The files to lint, each with the name the report shows: folders expanded to
    their catalogue files, ``-`` spooled to a temporary file shown as <stdin>, and
    files that are no catalogue left out when asked (pre-commit, folders)."""
    from listlint import discover

    shown: dict[Path, str] = {}
    for path, named in discover.expand(files):
        if str(path) == "-":
            shown[discover.spool_stdin(config.limits.max_file_size)] = discover.STDIN
        elif named and not only_catalogues:
            shown[path] = str(path)
        elif discover.is_catalogue(path):
            shown[path] = str(path)
        elif named:
            click.echo(f"listlint: skipped {_t(path)}: not a product catalogue", err=True)
    return shown


def _load(path: Path, name: str, config: Any) -> Any:
    """Load one input; standard input's catalogue and errors are named <stdin>."""
    from listlint.api import load

    if name == str(path):
        return load(path, config=config)
    import dataclasses

    try:
        catalog = load(path, config=config)
    except ListlintError as exc:
        exc.path = name
        raise
    catalog.path = name
    spec = getattr(catalog, "spec", None)  # a streamed file names its batches itself
    if spec is not None:
        cast(Any, catalog).spec = dataclasses.replace(spec, path=name)
    return catalog


def _text_width(output: Path | None) -> int | None:
    """The text report wraps to the terminal's width when printed on one; piped,
    saved or in a CI log it keeps one finding per line (grep-able; log viewers wrap)."""
    if output is not None or not sys.stdout.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def _counts(report: Any) -> str:
    s = report.summary
    return (
        f"{s.files} file(s), {s.listings} listing(s): "
        f"{s.errors} error(s), {s.warnings} warning(s), {s.info} info"
    )


def _check_targets(*targets: Path | None) -> None:
    """Before linting: an output folder that is missing or read-only is a usage
    error now, not an "internal error" after the whole run."""
    from listlint.output import check_target

    for target in targets:
        if target is not None:
            check_target(target)


def _emit(write: Any, report: Any, options: Any, fmt: str) -> None:
    from listlint import formatters
    from listlint.output import atomic_text_writer

    if fmt in formatters.BINARY:
        if not options.output:
            raise ConfigError(f"format {fmt!r} writes a file: give --output PATH")
        write(report, None, options)
        return
    if options.output:
        with atomic_text_writer(Path(options.output)) as fh:
            write(report, fh, options)
    else:
        write(report, sys.stdout, options)
        sys.stdout.flush()


def _refuse_overwriting_inputs(files: tuple[Path, ...], *targets: Path | None) -> None:
    """``listlint shop.xlsx -o shop.xlsx`` would replace the catalogue with its report."""
    for target in targets:
        if target is None or not target.exists():
            continue
        for f in files:
            try:
                same = os.path.samefile(target, f)
            except OSError:
                continue
            if same:
                raise ConfigError(
                    f"{target} is also an input file; listlint never overwrites a catalogue, "
                    "write the report to another path"
                )


def _format_from_output(output: Path | None) -> str | None:
    if output is None:
        return None
    from listlint import formatters

    ext = "".join(output.suffixes[-1:]).lower()
    if ext not in formatters.EXTENSIONS:
        raise ConfigError(
            f"cannot tell the format from {output.name!r}; add --format "
            f"({', '.join(sorted(formatters.available()))})"
        )
    return formatters.EXTENSIONS[ext]


def _str(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _split(values: tuple[str, ...]) -> list[str] | None:
    out = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return out or None


@main.command("rules")
@click.option(
    "--format", "-f", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text"
)
def rules_cmd(fmt: str) -> None:
    """List every rule: code, name, group, default severity, summary."""
    try:
        from listlint.rules.registry import all_rules

        rules = all_rules()
    except ListlintError as exc:
        _fail(str(exc))
    if fmt == "json":
        import json

        click.echo(json.dumps([_rule_row(c) for c in rules.values()], indent=2))
    elif fmt == "markdown":
        click.echo(rules_markdown())
    else:
        for cls in rules.values():
            flag = "" if cls.default_enabled else " (off by default)"
            click.echo(
                f"{cls.code}  {cls.name:<28} {cls.group:<10} {cls.severity.value:<7} {cls.summary}{flag}"
            )


def _rule_row(cls: Any) -> dict[str, Any]:
    return {
        "code": cls.code,
        "name": cls.name,
        "group": cls.group,
        "severity": cls.severity.value,
        "summary": cls.summary,
        "default_enabled": cls.default_enabled,
    }


def rules_markdown() -> str:
    """The README's rule table (a test keeps the README in sync with this)."""
    from listlint.rules.registry import all_rules

    lines = ["| code | name | group | severity | summary |", "|---|---|---|---|---|"]
    for cls in all_rules().values():
        summary = cls.summary + ("" if cls.default_enabled else " *(off by default)*")
        lines.append(
            f"| {cls.code} | `{cls.name}` | {cls.group} | {cls.severity.value} | {summary} |"
        )
    return "\n".join(lines)


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print a rule's documentation (by code or name)."""
    from listlint.rules.registry import all_rules

    rules = all_rules()
    cls = rules.get(code.upper()) or next(
        (c for c in rules.values() if c.name == code.lower()), None
    )
    if cls is None:
        _fail(f"unknown rule {code!r} (see `listlint rules`)")
    assert cls is not None
    click.echo(f"{cls.code} {cls.name}  [{cls.group}, default {cls.severity.value}]")
    click.echo(cls.summary)
    click.echo("")
    click.echo(cls.doc())
    if cls.policy_url:
        click.echo(f"\nPolicy: {cls.policy_url}")


@main.command("policies")
def policies_cmd() -> None:
    """List the shipped marketplace policy packs."""
    from listlint.policy import shipped_packs
    from listlint.rules.packs import load_pack

    try:
        for name in shipped_packs():
            pack = load_pack(name)
            click.echo(f"{name:<18} {pack.marketplace}")
    except ListlintError as exc:
        _fail(str(exc))


@main.command("config")
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
)
@click.option("--isolated", is_flag=True, help="Ignore config files (show the defaults).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text")
def config_cmd(config_path: Path | None, isolated: bool, fmt: str) -> None:
    """Show the resolved configuration and where each value came from.

    With flags: `listlint check --show-config --select PR ...`."""
    try:
        _show_config(None, config_path, isolated, fmt)
    except ListlintError as exc:
        _fail(str(exc))


def _show_config(
    overrides: dict[str, Any] | None, config_path: Path | None, isolated: bool, fmt: str
) -> None:
    import json

    from listlint.config import resolved

    _cfg, source, rows = resolved(overrides, config_path=config_path, isolated=isolated)
    if fmt == "json":
        values: dict[str, Any] = {}
        for key, value, _ in rows:
            head, _, sub = key.partition(".")
            if sub:
                values.setdefault(head, {})[sub] = value
            else:
                values[key] = value
        doc = {
            "file": str(source) if source else None,
            "values": values,
            "origin": {key: origin for key, _, origin in rows},
        }
        click.echo(json.dumps(doc, indent=2))
        return
    click.echo(f"# config file: {source or 'none (no listlint.toml or [tool.listlint] found)'}")
    for key, value, origin in rows:
        click.echo(f"{key} = {json.dumps(value)}  # {origin}")
