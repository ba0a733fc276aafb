"""The entry point of ``mission-planner``.

Parse the arguments, run the command, and map every exception to an exit code with a one-line
message (never a traceback).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from mission_planner.cli.commands import run
from mission_planner.cli.exits import (
    EXIT_BAD_INPUT,
    EXIT_BUG,
    EXIT_INTERRUPTED,
    EXIT_NO_MEMORY,
    EXIT_OK,
)
from mission_planner.cli.parser import build_parser, with_default_command
from mission_planner.io import InputError


class _Console(Console):
    """A console that keeps working when its reader goes away (``... | head``).

    Rich's default exits with code 1 (our code for "infeasible"); here the output is dropped
    and the command goes on, so ``--out`` files are still written and the exit code is the
    plan's.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


# ---------------------------------------------------------------------- entry point
def main(argv: Sequence[str] | None = None, *, console: Console | None = None) -> int:
    """Run the command line and return its exit code.

    Parameters
    ----------
    argv
        Arguments without the program name (default: ``sys.argv[1:]``).
    console
        Where to print (default: standard output; a terminal gets colours and the live
        progress display).

    Returns
    -------
    int
        0 planned, valid or accept; 1 infeasible, violations or decline; 2 bad input (or an
        output that cannot be written); 3 no plan (or no answer) in time; 4 out of memory;
        70 internal error (a bug, reported in one line); 130 interrupted.
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(with_default_command(args_list))
    except SystemExit as exc:  # argparse: --help/--version (0) or a usage error (2)
        return int(exc.code or 0)
    if console is None:
        console = _Console(width=None if sys.stdout.isatty() else 120, highlight=False)
    errors = Console(stderr=True, highlight=False, width=console.width)
    try:
        return run(args, console, errors)
    except InputError as exc:
        errors.print(Text(f"error: {exc.report()}"), soft_wrap=True)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        errors.print("interrupted")
        return EXIT_INTERRUPTED
    except MemoryError:
        errors.print("error: out of memory; try a smaller scenario or a shorter horizon")
        return EXIT_NO_MEMORY
    except BrokenPipeError:  # the reader went away (e.g. '| head') outside the console
        return EXIT_OK
    except Exception as exc:  # every other exception is a bug in mission_planner
        where = _where(exc)
        errors.print(
            Text(
                f"internal error (a bug in mission_planner): {type(exc).__name__}: "
                f"{_one_line(exc)}{where}; please report it to the project's issue tracker "
                "with the command and its files"
            ),
            soft_wrap=True,
        )
        return EXIT_BUG


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 200 else text[:197] + "..."


def _where(exc: BaseException) -> str:
    """`` (at module.py:123)``: the innermost frame of the traceback, for the report."""
    tb = exc.__traceback__
    if tb is None:
        return ""
    while tb.tb_next is not None:
        tb = tb.tb_next
    return f" (at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno})"
