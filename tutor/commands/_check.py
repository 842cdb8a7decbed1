"""What `tutor check` and `tutor check-db` share: running a check and printing what it found."""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from tutor.dbcheck import ConfigError, Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_COMMON = (("host", "host"), ("port", "port"))
_SETTING_LABELS = {
    "mysql": (
        *_COMMON,
        ("socket", "socket"),
        ("user", "user"),
        ("password", "password"),
        ("database", "database"),
        ("ssl_mode", "ssl-mode"),
        ("ssl_ca", "ssl-ca"),
    ),
    "postgresql": (
        *_COMMON,
        ("socket", "socket"),
        ("user", "user"),
        ("password", "password"),
        ("database", "database"),
        ("ssl_mode", "sslmode"),
    ),
    "redis": (
        *_COMMON,
        ("user", "user"),
        ("password", "password"),
        ("database", "database"),
        ("ssl_mode", "tls"),
    ),
}


def _marks(stream: TextIO) -> tuple[str, str]:
    try:
        "✓✗".encode(stream.encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        return "+", "x"
    return "✓", "✗"


def _width() -> int:
    return max(40, min(100, shutil.get_terminal_size((80, 24)).columns))


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, width=_width(), initial_indent=indent, subsequent_indent=indent)


def _seconds_since_process_start() -> float:
    """How long this process has run (Linux /proc; 0 elsewhere), so --timeout bounds the command."""
    try:
        after_name = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started = int(after_name[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return max(0.0, uptime - started)


def run_check_command(
    args: argparse.Namespace, command: str, settings: Settings | ConfigError, service: str
) -> int:
    """What `tutor check` and `tutor check-db` share once the settings are resolved: the live
    stages (or one JSON object), the verdict with its fix, the placement and the settings."""
    from tutor.dbcheck import CheckResult, ConfigError
    from tutor.dbcheck.services import run_service_check

    if isinstance(settings, ConfigError):
        if args.json:
            print(CheckResult.from_config_error(settings, service).to_json())
        else:
            print(f"tutor {command}: config error: {settings}", file=sys.stderr)
        return EXIT_USAGE

    out = sys.stdout
    ok_mark, bad_mark = _marks(out)

    def show_stage(stage: Any) -> None:
        mark = ok_mark if stage.ok else bad_mark
        line = f"  {mark} {stage.name:<9}{stage.ms:>6} ms  {stage.detail}"
        print(textwrap.fill(line, width=_width(), subsequent_indent=" " * 22), file=out)
        out.flush()

    if not args.json:
        print(f"Checking {settings.display_url()} (within {args.timeout:g} s)", file=out)
        out.flush()
    # The budget counts from process start, but the check always keeps at least half of it.
    budget = max(args.timeout - _seconds_since_process_start(), args.timeout / 2)
    result = run_service_check(settings, timeout=budget, on_stage=None if args.json else show_stage)
    if args.json:
        print(result.to_json(), file=out)
    else:
        _print_human(result, out)
    return EXIT_OK if result.ok else EXIT_FAILED


def add_check_options(parser: argparse.ArgumentParser) -> None:
    """--timeout and --json, as `tutor check` and `tutor check-db` both take them."""
    parser.add_argument(
        "--timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="the time allowed for the whole check (default: 5)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def timeout_problem(args: argparse.Namespace, command: str) -> bool:
    """Print the usage error and say so when --timeout is not a positive number."""
    if math.isfinite(args.timeout) and args.timeout > 0:
        return False
    print(f"tutor {command}: error: --timeout must be a positive number", file=sys.stderr)
    return True


def print_markdown(text: str, out: TextIO) -> None:
    """Short Markdown prose (a fix, an advice), indented: styled on a terminal, plain text
    (code spans without their backticks) when the output is a file or a pipe."""
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.padding import Padding

    console = Console(file=out, width=_width(), highlight=False, emoji=False)
    prose = Padding(Markdown(text.strip()), (0, 0, 0, 2))
    if console.is_terminal:
        console.print(prose)
    else:
        # Rich pads every line to the width and frames a code block with blank lines; in a
        # file or a pipe that is only trailing spaces and gaps.
        with console.capture() as captured:
            console.print(prose)
        lines = [line.rstrip() for line in captured.get().splitlines()]
        kept = [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]
        print("\n".join(kept).strip("\n"), file=out)
    out.flush()


def _print_human(result: Any, out: TextIO) -> None:
    from tutor.dbcheck import PLACEMENT_WORDS

    print("", file=out)
    if result.ok:
        tls = "encrypted (TLS)" if result.tls else "not encrypted"
        print(f"OK: {result.server_version}, session {tls}.", file=out)
    else:
        code = f" [{result.error_code}]" if result.error_code else ""
        print(f"FAILED ({result.category}{code}):", file=out)
        # The message carries the server's own words: plain text, never read as Markdown.
        print(_wrap(result.message or ""), file=out)
        print_markdown(f"**Fix:** {result.hint}", out)
    for advice in result.advice:
        print("", file=out)
        print(f"Advice: {advice.title}", file=out)
        print_markdown(advice.text, out)
    print("", file=out)
    if result.placement:
        verdict = f"Placement: {result.placement} ({result.placement_reason})."
        print(textwrap.fill(verdict, width=_width(), subsequent_indent="  "), file=out)
        print(_wrap(f"This is {PLACEMENT_WORDS[result.placement]}"), file=out)
    else:
        from tutor.dbcheck.services import SERVICE_NAMES

        name = SERVICE_NAMES.get(result.service, result.service)
        print(f"Placement: unknown (no {name} server was reached).", file=out)
    print("", file=out)
    print("Settings (value, and where it came from):", file=out)
    settings = result.settings
    for name, label in _SETTING_LABELS[result.service]:
        value = getattr(settings, name)
        if name == "password":
            value = "****" if value else None
        if name == "socket" and value and not settings.uses_socket:
            value = f"{value} (not used: the host comes from a higher source)"
        source = settings.sources.get(name, "-")
        shown = "(none)" if value in (None, "") else str(value)
        print(f"  {label:<9} {shown:<28} {source}", file=out)
