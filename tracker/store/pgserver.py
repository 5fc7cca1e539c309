"""A throwaway PostgreSQL + PostGIS server on 127.0.0.1, for the tests and the bench.

PostgreSQL refuses to run as root, so when we are root the server binaries run
as the ``postgres`` user (from ``/``, which that user can enter), over a data
directory handed to it. The server listens on a free port on 127.0.0.1 only,
trusts local connections (it is gone when ``stop`` runs) and skips fsync: it
holds test data, not records.
"""
from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

BINDIR = Path(os.environ.get("FRONTLINE_PG_BINDIR", "/usr/lib/postgresql/15/bin"))


def binaries_missing(bindir: Path = BINDIR) -> str | None:
    """Why a server cannot be started here, or None when it can."""
    for name in ("initdb", "pg_ctl", "postgres"):
        if not (bindir / name).exists():
            return f"PostgreSQL server binary {bindir / name} is missing (apt-get install postgresql)"
    ext = Path("/usr/share/postgresql") / bindir.parent.name / "extension" / "postgis.control"
    if not ext.exists():
        return f"PostGIS is not installed ({ext} missing; apt-get install postgresql-15-postgis-3)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempPostgres:
    """``with TempPostgres() as pg: pg.url`` -- a server with a ``frontline`` database and PostGIS."""

    def __init__(self, bindir: Path = BINDIR, dbname: str = "frontline"):
        self.bindir = Path(bindir)
        self.dbname = dbname
        self.dir: Path | None = None
        self.port: int | None = None
        self._as_postgres = os.geteuid() == 0

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{self.dbname}"

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        proc = subprocess.run(cmd, cwd="/", capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({proc.returncode}): {proc.stderr.strip() or proc.stdout.strip()}")

    def start(self) -> "TempPostgres":
        reason = binaries_missing(self.bindir)
        if reason:
            raise RuntimeError(reason)
        self.dir = Path(tempfile.mkdtemp(prefix="frontline-pg-"))
        if self._as_postgres:
            import pwd
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        data, sock = self.dir / "data", self.dir
        self._run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--no-sync", "--locale=C")
        for _ in range(5):  # a port found free can be taken before the server binds it
            self.port = _free_port()
            try:
                self._run("pg_ctl", "-D", str(data), "-l", str(self.dir / "server.log"), "-w",
                          "-t", "60", "-o",
                          f"-p {self.port} -k {sock} -c listen_addresses=127.0.0.1 "
                          "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                          "start")
                break
            except RuntimeError:
                if self._port_in_use():
                    continue
                raise
        import psycopg
        with psycopg.connect(self.admin_url, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{self.dbname}"')
        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        log.info("temporary PostgreSQL on 127.0.0.1:%s in %s", self.port, self.dir)
        return self

    def _port_in_use(self) -> bool:
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port or 0)) == 0

    def stop(self) -> None:
        if self.dir is None:
            return
        try:
            self._run("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop")
        except RuntimeError as exc:
            log.warning("could not stop the temporary PostgreSQL: %s", exc)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def __enter__(self) -> "TempPostgres":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
