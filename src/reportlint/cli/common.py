"""What every command shares: exit codes, the usage error, the argument parser and the language."""

from __future__ import annotations

import argparse
import os
import sys

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CANNOT_RUN, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143

#: How worker processes are started (fork, spawn, forkserver); for tests and debugging.
START_METHOD_ENV = "REPORTLINT_START_METHOD"


class UsageError(Exception):
    """A bad option or argument: exit 2 with a one-line message."""


def say(message: str) -> None:
    """Print `reportlint: MESSAGE` on standard error, made safe for a terminal (file names and
    text from a file may hold control characters or bytes that are not UTF-8)."""
    from reportlint.output.safe import shown

    print(f"reportlint: {shown(message)}", file=sys.stderr)


def default_lang() -> str:
    explicit = os.environ.get("REPORTLINT_LANG")
    if explicit in ("zh", "en"):
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


#: Options every command takes, so that they may come before the command word: option → takes a value.
GLOBAL_OPTIONS = {"--lang": True, "--no-color": False, "--color": False, "--debug": False}


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options of `GLOBAL_OPTIONS` (commands that print no colour accept and ignore the colour ones)."""
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="language of the messages")
    parser.add_argument("--no-color", action="store_true", help="no colour in text output")
    parser.add_argument("--color", action="store_true", help="colour even when the output is not a terminal")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def require_pack(name: str, known: list[str], option: str = "--pack") -> None:
    """Raise `UsageError` unless `name` is one of the `known` rule packs (built-in, configured or a plugin's)."""
    from reportlint.format.labels import suggest

    if name in known:
        return
    hint = suggest(name, known)
    raise UsageError(f"{option} {name}: no such rule pack; known: {', '.join(known)}"
                     + (f" (did you mean {hint}?)" if hint else ""))


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """The options every checking command shares that bound a run (checked by `check_run_limits`)."""
    parser.add_argument("-j", "--jobs", type=int, default=None, help="check N files in parallel (default: cores)")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="stop converting a document after SECONDS (default 10; 0: no limit; not for YAML)")
    parser.add_argument("--memory-limit", type=int, default=None, metavar="MB",
                        help="stop converting a document that needs more than MB of memory (default 512; 0: no limit)")


def check_run_limits(opts: argparse.Namespace) -> None:
    """The options every checking command shares that bound a run: `-j`, `--timeout`, `--memory-limit`."""
    if opts.jobs is not None and opts.jobs < 1:
        raise UsageError(f"-j {opts.jobs}: the number of parallel jobs is at least 1 (leave -j out for one per core)")
    if opts.timeout is not None and not 0 <= opts.timeout < 1e9:
        raise UsageError(f"--timeout {opts.timeout:g}: give seconds, at least 0 (0: no limit)")
    if opts.memory_limit is not None and opts.memory_limit < 0:
        raise UsageError(f"--memory-limit {opts.memory_limit}: give megabytes, at least 0 (0: no limit)")
