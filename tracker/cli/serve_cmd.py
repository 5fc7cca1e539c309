"""``serve``, ``users add`` and ``review export-labels``: the review web app and what it makes.

Flask and waitress are imported only when ``serve`` runs, so ``frontline --help`` and the
other commands do not pay for them.
"""
from __future__ import annotations

import logging
import sys

import click

from .options import analyst_option, check_output, open_existing, store_option

_log = logging.getLogger(__name__)


def serve_config(host: str, store_users: list[str], login: bool) -> bool:
    """Whether the app must ask for accounts: always off the loopback address (other machines
    can reach it), or when asked for; UsageError when accounts are needed and none exist."""
    from ..review.app import is_loopback

    need = login or not is_loopback(host)
    if need and not store_users:
        why = f"--host {host} lets other machines reach the server" if not is_loopback(host) \
            else "--login asks for accounts"
        raise click.UsageError(f"{why}, so it needs accounts and the store has none: add one "
                               "with `frontline users add NAME` first")
    return need


@click.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address needs accounts "
                   "(frontline users add NAME).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--login", is_flag=True, help="Ask for accounts on 127.0.0.1 too.")
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True,
              help="Requests served at once (waitress worker threads).")
@click.option("--max-upload-mb", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Largest report file or pasted text accepted.")
@analyst_option
def serve(store: str, host: str, port: int, login: bool, threads: int, max_upload_mb: int,
          analyst: str | None) -> None:
    """Review events in the browser: ingest a report, then accept, correct, retract or log
    what the extractor missed, with the report's text beside the map.

    \b
    frontline serve                                   # http://127.0.0.1:8000, you alone
    frontline serve --store postgresql://team@db/frontline --host 0.0.0.0   # a team, with accounts
    """
    from ..store import Store

    with Store.open(store) as s:
        users = s.users()
    require_login = serve_config(host, users, login)
    try:
        import waitress

        from ..review.app import create_app
    except ImportError as exc:  # a broken install, not bad input
        raise click.ClickException(f"frontline serve needs {exc.name}: pip install flask "
                                   "flask-wtf waitress") from None
    app = create_app(store, require_login=require_login, analyst=analyst,
                     max_upload=max_upload_mb * 1024 * 1024)
    shown = f"[{host}]" if ":" in host else host
    location = app.extensions["frontline"]["store"].get().location
    click.echo(f"frontline review on http://{shown}:{port}/ over {location}"
               + (" (accounts required)" if require_login else
                  f" (as {_analyst(analyst)}, this machine only)"),
               err=True)
    _warm_up()
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="frontline",
                       max_request_body_size=(max_upload_mb + 1) * 1024 * 1024,
                       clear_untrusted_proxy_headers=True, _quiet=True)
    finally:
        app.extensions["frontline"]["store"].close()


def _analyst(analyst: str | None) -> str:
    from ..store import resolve_analyst

    return resolve_analyst(analyst)


def _warm_up() -> None:
    """Load the gazetteer and the parser in the background: the first ingest and place search
    then answer at once."""
    import threading

    def work() -> None:
        try:
            from gazetteer import Gazetteer

            from ..extract import extract_events

            Gazetteer.default()
            extract_events("Russian forces recently advanced near Pokrovsk.", "2024-10-24", "warm-up")
        except Exception:  # only a head start: a real request reports its own problem
            _log.debug("warm-up failed", exc_info=True)

    threading.Thread(target=work, daemon=True, name="warm-up").start()


@click.group("users")
def users() -> None:
    """Accounts for `frontline serve` (needed off 127.0.0.1): salted password hashes in the store."""


@users.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input "
              "(one line) instead of asking for it.")
@store_option
def users_add(name: str, password_stdin: bool, store: str) -> None:
    """Add an account, or set a new password for an existing one."""
    from werkzeug.security import generate_password_hash

    from ..errors import InputError
    from ..store import Store
    from ..store.base import check_user_name

    name = check_user_name(name)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt(f"password for {name}", hide_input=True,
                                confirmation_prompt=True, err=True)
    if len(password) < 8:
        raise InputError("a password needs at least 8 characters")
    with Store.open(store) as s:
        known = name in s.users()
        s.add_user(name, generate_password_hash(password))
    click.echo(f"{'new password for' if known else 'added'} user {name} in {s.location}")


@users.command("list")
@store_option
def users_list(store: str) -> None:
    """Names of the accounts (never their passwords)."""
    with open_existing(store, readonly=True) as s:
        for name in s.users():
            click.echo(name)


@click.group("review")
def review() -> None:
    """What the review makes: labelled examples for evaluating the extractor."""


@review.command("export-labels")
@click.option("-o", "--output", required=True, metavar="FILE",
              help="JSON lines file to write ('-' for stdout), in the format of the shared "
                   "dev-sentences.jsonl.")
@store_option
def export_labels(output: str, store: str) -> None:
    """Accepted and corrected events with their sentences, one item per sentence, in the
    format of dev-sentences.jsonl: `python bench/score_dev.py FILE` scores the extractor on it."""
    import os
    import tempfile

    from ..review.service import write_labels

    with open_existing(store, readonly=True) as s:
        if output == "-":
            n = write_labels(s, sys.stdout)
        else:
            target = check_output(output, store, example="labels.jsonl", verb="write labels")
            fd, tmp = tempfile.mkstemp(prefix=".labels-", suffix=".jsonl", dir=target.parent or ".")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    n = write_labels(s, fh)
                os.replace(tmp, target)
            except BaseException:
                os.unlink(tmp)
                raise
    click.echo(f"wrote {n} labelled item{'s' if n != 1 else ''} to {output}", err=True)
