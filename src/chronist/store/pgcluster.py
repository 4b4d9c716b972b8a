"""A throwaway PostgreSQL cluster for tests and benchmarks.

Why this exists: the PostgreSQL store must be tested against a real server, and neither a
developer's machine nor CI can be assumed to run one. What they usually do have is the server's
binaries (Debian's ``postgresql`` package puts them in ``/usr/lib/postgresql/<version>/bin``).
:func:`throwaway_cluster` uses those to ``initdb`` a private cluster in a temporary directory,
start it on a free port of 127.0.0.1, create a ``chronist_test`` database, and remove everything
again at exit. It needs nothing beyond the standard library.

PostgreSQL refuses to run as root, so when this process is root (containers, CI) the binaries run
as the ``postgres`` user (created by Debian's package) or, failing that, ``nobody``.

From the shell, ``python -m chronist.store.pgcluster`` starts a cluster, prints its URL on stdout,
and keeps it until stdin closes or it gets SIGTERM/SIGINT::

    mkfifo /tmp/hold && python -m chronist.store.pgcluster < /tmp/hold &
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

__all__ = ["ClusterUnavailable", "find_bindir", "throwaway_cluster"]

SUPERUSER = "chronist"
DBNAME = "chronist_test"
HOST = "127.0.0.1"
_TOOLS = ("initdb", "pg_ctl", "createdb")
_DEBIAN_GLOB = "/usr/lib/postgresql/*/bin"
_TIMEOUT_S = 120  # per command; pg_ctl itself waits at most 60 s for start/stop
_LOG_LINES = 15


class ClusterUnavailable(Exception):
    """No throwaway PostgreSQL cluster could be had here; the message says why."""


def _version_key(bindir: Path) -> tuple[int, ...]:
    """``/usr/lib/postgresql/15/bin`` -> (15,); "9.6" -> (9, 6); non-numeric names sort first."""
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name)) or (-1,)


def find_bindir() -> Path:
    """The directory holding initdb, pg_ctl and createdb: initdb's on PATH, else the newest
    /usr/lib/postgresql/*/bin. Raises ClusterUnavailable when there is none."""
    candidates: list[Path] = []
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    debian = sorted((Path(p) for p in glob.glob(_DEBIAN_GLOB)), key=_version_key, reverse=True)
    candidates.extend(debian)
    for bindir in candidates:
        if all(os.access(bindir / tool, os.X_OK) for tool in _TOOLS):
            return bindir
    raise ClusterUnavailable(
        f"no PostgreSQL server binaries ({', '.join(_TOOLS)}) on PATH or in {_DEBIAN_GLOB}"
    )


def _free_port() -> int:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind((HOST, 0))
            return int(sock.getsockname()[1])
    except OSError as exc:
        raise ClusterUnavailable(f"cannot bind a port on {HOST}: {exc}") from exc


class _Runner:
    """Runs the PostgreSQL binaries as an unprivileged user: this process's, or, when this
    process is root, ``postgres`` (else ``nobody``) through runuser / setpriv / su."""

    def __init__(self) -> None:
        self.user: pwd.struct_passwd | None = None
        self.prefix: list[str] = []
        self.shell_wrap = False  # su takes one shell command line, not argv
        if os.geteuid() != 0:
            return
        for name in ("postgres", "nobody"):
            try:
                self.user = pwd.getpwnam(name)
                break
            except KeyError:
                continue
        if self.user is None:
            raise ClusterUnavailable("running as root and neither user postgres nor nobody exists")
        name = self.user.pw_name
        if shutil.which("runuser"):
            self.prefix = ["runuser", "-u", name, "--"]
        elif shutil.which("setpriv"):
            uid, gid = self.user.pw_uid, self.user.pw_gid
            self.prefix = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--init-groups", "--"]
        elif shutil.which("su"):
            self.prefix = ["su", "-s", "/bin/sh", name, "-c"]
            self.shell_wrap = True
        else:
            raise ClusterUnavailable(
                f"running as root and no runuser, setpriv or su to become {name}"
            )

    def own(self, path: Path) -> None:
        """Give ``path`` to the user the binaries run as (a no-op when not root)."""
        if self.user is not None:
            os.chown(path, self.user.pw_uid, self.user.pw_gid)

    def run(self, argv: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
        cmd = [*self.prefix, shlex.join(argv)] if self.shell_wrap else [*self.prefix, *argv]
        # PG* variables of the caller (PGDATA, PGOPTIONS, ...) must not leak into the throwaway.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        return subprocess.run(
            cmd,
            cwd=cwd,  # the user may not be allowed into the caller's cwd (e.g. /root)
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_S,
            start_new_session=True,  # a Ctrl-C must not kill the server before we stop it
            check=False,
        )


class _Cluster:
    def __init__(self, bindir: Path, runner: _Runner, root: Path) -> None:
        self.bindir = bindir
        self.runner = runner
        self.root = root
        self.data = root / "data"
        self.sockets = root / "sockets"
        self.log = root / "postgres.log"
        self.started = False

    def _run(self, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
        try:
            return self.runner.run([str(self.bindir / tool), *args], cwd=self.root)
        except (OSError, subprocess.SubprocessError) as exc:
            raise ClusterUnavailable(self._reason(f"{tool} could not run: {exc}")) from exc

    def _check(self, tool: str, *args: str) -> None:
        proc = self._run(tool, *args)
        if proc.returncode != 0:
            output = (proc.stdout + proc.stderr).strip()
            raise ClusterUnavailable(self._reason(f"{tool} exited {proc.returncode}", output))

    def _reason(self, what: str, output: str = "") -> str:
        lines = output.splitlines()[-_LOG_LINES:]
        lines += self._log_text().splitlines()[-_LOG_LINES:]
        return "\n".join([what, *("  " + line for line in lines)])

    def _log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""

    def start(self) -> str:
        self.runner.own(self.root)
        self.sockets.mkdir()
        self.runner.own(self.sockets)
        initdb = ["-D", str(self.data), "-A", "trust", "-U", SUPERUSER, "--encoding", "UTF8"]
        self._check("initdb", *initdb, "--locale", "C", "--no-sync")
        self.started = True  # from here on, a half-started server must be stopped at exit
        for attempt in range(3):  # another process may take the free port before the server does
            port = _free_port()
            options = (
                f"-p {port} -k {shlex.quote(str(self.sockets))}"
                f" -c listen_addresses={HOST} -c fsync=off"
            )
            start = ["-D", str(self.data), "-l", str(self.log), "-w", "-o", options, "start"]
            self.log.unlink(missing_ok=True)
            proc = self._run("pg_ctl", *start)
            if proc.returncode == 0:
                break
            if attempt == 2 or "could not bind" not in self._log_text():
                output = (proc.stdout + proc.stderr).strip()
                raise ClusterUnavailable(self._reason(f"pg_ctl exited {proc.returncode}", output))
        self._check("createdb", "-h", HOST, "-p", str(port), "-U", SUPERUSER, DBNAME)
        return f"postgresql://{SUPERUSER}@{HOST}:{port}/{DBNAME}"

    def remove(self) -> None:
        """Stop the server (fast shutdown; SIGQUIT if pg_ctl fails) and delete the directory."""
        try:
            if self.started and self.data.exists():
                try:
                    proc = self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
                    stopped = proc.returncode == 0
                except ClusterUnavailable:
                    stopped = False
                if not stopped:
                    self._kill_postmaster()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _kill_postmaster(self) -> None:
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            os.kill(pid, signal.SIGQUIT)  # immediate shutdown
        except (OSError, ValueError, IndexError):
            pass


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a private PostgreSQL cluster and yield ``postgresql://chronist@127.0.0.1:PORT/
    chronist_test``; at exit stop it (``pg_ctl stop -m fast``) and delete its directory.

    Raises ClusterUnavailable (with the server log's last lines) when no cluster can be had;
    whatever was started or created by then is removed first."""
    bindir = find_bindir()
    runner = _Runner()
    cluster = _Cluster(bindir, runner, Path(tempfile.mkdtemp(prefix="chronist-pg-")))
    try:
        yield cluster.start()
    finally:
        cluster.remove()


def _raise_exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    """Start a cluster, print its URL, hold it until stdin closes or SIGTERM, then clean up."""
    signal.signal(signal.SIGTERM, _raise_exit)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _raise_exit)
    try:
        with throwaway_cluster() as url:
            print(url, flush=True)
            print("cluster up; close stdin or send SIGTERM to stop it", file=sys.stderr)
            try:
                while sys.stdin.read(65536):
                    pass
            except KeyboardInterrupt:
                pass
    except ClusterUnavailable as exc:
        print(f"PostgreSQL cluster unavailable: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
