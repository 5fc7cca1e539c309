"""The ``frontline`` command: a thin layer over the Python API.

Subcommands live in one module per group and are imported only when invoked,
so ``frontline --help`` does not pay for geopandas, folium or the gazetteer.
Errors become one line on stderr and exit 1 (usage errors exit 2); ``-v``
shows the traceback. Ctrl-C exits 130 with one line; a reader that closes the
pipe early (``| head``) ends the command quietly with exit 0.
"""
from __future__ import annotations

import importlib
import logging
import os
import sys

import click

from gazetteer.errors import FrontlineError

# command name -> (module, attribute, one-line help shown by `frontline --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "gazetteer": ("tracker.cli.gazetteer_cmd", "gazetteer", "Look up, import and add places."),
    "extract": ("tracker.cli.extract_cmd", "extract", "Print the events in report files; store nothing."),
    "ingest": ("tracker.cli.store_cmd", "ingest", "Extract events from report files and store them."),
    "log": ("tracker.cli.store_cmd", "log", "Log one event from a sentence or from fields."),
    "edit": ("tracker.cli.store_cmd", "edit", "Correct a stored event (kept in its history)."),
    "retract": ("tracker.cli.store_cmd", "retract", "Retract a stored event (kept, hidden by default)."),
    "history": ("tracker.cli.store_cmd", "history", "Show every change made to an event."),
    "list": ("tracker.cli.store_cmd", "list_", "List stored events."),
    "map": ("tracker.cli.map_cmd", "map_", "Render stored events into a layered HTML map."),
    "export": ("tracker.cli.export_cmd", "export", "Export stored events for GIS tools."),
    "import": ("tracker.cli.export_cmd", "import_", "Import events from a GeoJSON file into the store."),
    "demo": ("tracker.cli.demo_cmd", "demo", "Run the whole path on a built-in example report."),
    "store": ("tracker.cli.check_cmd", "store", "Check the event store file (store check)."),
    "serve": ("tracker.cli.serve_cmd", "serve", "Review events in the browser: accept, correct, log."),
    "users": ("tracker.cli.serve_cmd", "users", "Accounts for frontline serve (users add NAME)."),
    "review": ("tracker.cli.serve_cmd", "review", "Reviewed events out as labels (review export-labels)."),
}


class _Interrupted(Exception):
    """Ctrl-C, carried past click (which would turn it into 'Aborted!' and exit 1)."""


class _PipeClosed(Exception):
    """The reader of stdout went away (`| head`), carried past click (which would exit 1)."""


class LazyGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted() from None
        except BrokenPipeError:
            raise _PipeClosed() from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help text from the table above: listing commands must not import them.
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][2]) for name in sorted(COMMANDS)])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output; -v also shows tracebacks.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors.")
@click.version_option(package_name="frontline-tracker")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """frontline: turn conflict reporting into dated, geocoded events, maps and GIS files."""
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else
                                         logging.INFO if verbose else logging.WARNING)
    handler = logging.StreamHandler()  # stderr
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s") if verbose > 1
                         else NoteFormatter())
    logging.basicConfig(level=level, handlers=[handler])
    ctx.ensure_object(dict)["verbose"] = verbose


OWN_LOGGERS = ("gazetteer", "tracker", "maps")


class NoteFormatter(logging.Formatter):
    """Log records as a user reads them: one plain line, ``note: ...`` (``error: ...`` for
    errors), without level or logger names; another library's records keep its name so the
    note says where it came from. ``-vv`` uses the full format instead."""

    def format(self, record: logging.LogRecord) -> str:
        text = " ".join(record.getMessage().splitlines())
        top = record.name.split(".", 1)[0]
        if top not in OWN_LOGGERS and record.name != "root":
            text = f"{top}: {text}"
        return f"{'error' if record.levelno >= logging.ERROR else 'note'}: {text}"


MAX_MESSAGE = 2000  # characters of an error line; a 10 MB argument is not echoed whole


def one_line(message: str) -> str:
    """An error message as one line of bounded length."""
    text = " ".join(str(message).split())
    if len(text) > MAX_MESSAGE:
        text = f"{text[:MAX_MESSAGE - 300]} ... ({len(text):,} characters) ... {text[-200:]}"
    return text


def _fail(message: str, code: int) -> None:
    click.echo(f"frontline: {one_line(message)}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn every failure into one line and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    verbose = any(a in ("-v", "--verbose") or (a.startswith("-v") and set(a[1:]) == {"v"})
                  for a in args)
    no_args = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click >= 8.2
    try:
        status = cli.main(args=args, prog_name="frontline", standalone_mode=False)
    except no_args as exc:
        # `frontline` or `frontline gazetteer` alone: the help it asks for, not an error line.
        click.echo(exc.ctx.get_help(), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        _fail("aborted", 1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        # One line, like every other error: which command, what is wrong, where to look.
        where = exc.ctx.command_path if exc.ctx else "frontline"
        click.echo(f"{where}: error: {one_line(exc.format_message())} (see '{where} --help')",
                   err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        _fail(f"error: {exc.format_message()}", exc.exit_code)
    except FrontlineError as exc:
        if verbose:
            raise
        _fail(f"error: {exc}", 1)
    except (KeyboardInterrupt, _Interrupted):
        _fail("interrupted", 130)
    except (BrokenPipeError, _PipeClosed):
        # The reader stopped early (`| head`): its choice, not a failure. Output still
        # buffered would fail again at exit, so stdout goes to devnull (Python's advice).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except OSError as exc:  # the system refused (disk full, name too long, ...): not a bug
        if verbose:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"error: {where}{exc.strerror or exc}", 1)
    except Exception as exc:  # a bug, not bad input: still one line unless -v
        if verbose:
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} "
              "(run with -v for details and please report it)", 1)
    # standalone_mode=False hands back ctx.exit(n) as a return value instead of exiting.
    sys.exit(status if isinstance(status, int) else 0)
