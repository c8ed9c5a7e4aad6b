"""A throwaway PostgreSQL cluster for tests and benchmarks (never used by the commands themselves).

Uses the machine's ``initdb`` and ``pg_ctl`` (on PATH, or Debian's ``/usr/lib/postgresql/<ver>/bin``);
as root they run as the ``postgres`` user, since initdb refuses root. The cluster listens on
127.0.0.1 on a free port, keeps its socket and data in a temporary folder, trusts local
connections, and is deleted on :meth:`TempCluster.stop`.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server binaries are missing or the cluster could not start."""


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl, newest version first; None when not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(os.path.realpath(found)).parent

    def version(d: str) -> float:
        try:
            return float(Path(d).parent.name)
        except ValueError:
            return 0.0

    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists():
            return Path(d)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempCluster:
    """``with TempCluster() as pg: url = pg.create_database()``."""

    def __init__(self, *, user: str = "postgres") -> None:
        self.user = user
        self.host = "127.0.0.1"
        self.port = 0
        self.base: Path | None = None
        self.bindir = find_bindir()
        self._prefix: list[str] = []

    def __enter__(self) -> "TempCluster":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        if self.bindir is None:
            raise PostgresUnavailable(
                "PostgreSQL server binaries (initdb, pg_ctl) not found: run "
                ".ci/setup-postgres.sh (apt-get install -y postgresql)"
            )
        self.base = Path(tempfile.mkdtemp(prefix="summarizer-pg-"))
        if os.geteuid() == 0:
            import pwd

            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable(
                    "running as root, and there is no 'postgres' user to run initdb as "
                    "(the Debian postgresql package creates it)"
                ) from None
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
            runuser = shutil.which("runuser")
            if runuser is None:
                raise PostgresUnavailable(
                    "running as root without runuser: cannot start PostgreSQL as 'postgres'"
                )
            self._prefix = [runuser, "-u", "postgres", "--"]
        self.port = _free_port()
        data = self.base / "data"
        self._run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                self.user,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        opts = (
            f"-p {self.port} -k {self.base} -c listen_addresses={self.host} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=80"
        )
        self._run(
            [
                str(self.bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                opts,
                "-l",
                str(self.base / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )

    def stop(self) -> None:
        if self.base is None:
            return
        if self.bindir is not None and (self.base / "data").exists():
            subprocess.run(
                self._prefix
                + [
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.base / "data"),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                capture_output=True,
            )
        shutil.rmtree(self.base, ignore_errors=True)
        self.base = None

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its URL."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self.admin(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql)

    def _run(self, args: list[str]) -> None:
        done = subprocess.run(self._prefix + args, capture_output=True, text=True)
        if done.returncode != 0:
            log = self.base / "server.log" if self.base else None
            tail = log.read_text()[-2000:] if log and log.exists() else ""
            raise PostgresUnavailable(f"{Path(args[0]).name} failed: {done.stderr.strip()}\n{tail}".strip())
