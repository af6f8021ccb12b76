"""Fabrique served as in production, for the tests that exercise the real parts.

- ``copy_test_database``: a copy of pytest-django's migrated test database that the
  server processes can open (the SQLite test database lives in this process's memory;
  on PostgreSQL a second database made from it as a template), so nothing a server
  commits leaks into the other tests, and no test pays for a second ``migrate``.
- ``prepare_site``: a small bilingual site in that copy (built by the test factories in
  a child process under the production settings) and the static files collected for
  production (hashed, compressed).
- ``RedisServer``: a redis-server of the test's own on a free port, that a test can stop.
- ``serve``: gunicorn with ``gunicorn.conf.py`` and production settings on a free
  loopback port, stopped when the block ends, whatever happened in it.
"""

import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.browser.demo_server import REPO_ROOT, manage
from tests.mail_server import free_port

GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
SETTINGS = "fabrique.settings.production"
PG_SERVER = "postgres://postgres@127.0.0.1:5432/"

# Run in the copied database by ``manage.py shell``: the test factories' bilingual site
# and one screening with a session next week, in French and English; prints their paths.
SEED = r"""
import json
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from tests.conftest import build_bilingual_site, publish_translation
from tests.events.factories import ScreeningPageFactory, SessionFactory

# A test that flushed the database before the copy took the migrations' rows with it.
fr, _ = Locale.objects.get_or_create(language_code="fr")
if not Page.objects.exists():
    Page.add_root(instance=Page(title="Root", slug="root", locale=fr))
if not Site.objects.filter(is_default_site=True).exists():
    root = Page.get_first_root_node()
    welcome = root.add_child(instance=Page(title="Welcome", slug="welcome", locale=fr))
    Site.objects.create(hostname="localhost", root_page=welcome, is_default_site=True)
site = build_bilingual_site()
screening = ScreeningPageFactory(parent=site.programme, title="Les Ouvrières", slug="ouvrieres")
SessionFactory(page=screening, start=timezone.now() + timedelta(days=7), venue=site.venue)
screening_en = publish_translation(screening, title="The Workers")
print("SERVED-SITE " + json.dumps({
    "home": {"fr": site.home.url, "en": site.home_en.url},
    "screening": {"fr": screening.url, "en": screening_en.url},
}))
"""


class ServedSiteError(RuntimeError):
    """The site could not be prepared or served; the message says which step and why."""


# --- the database ---------------------------------------------------------------------


@contextmanager
def copy_test_database(connection, workdir: Path) -> Iterator[str]:
    """A copy of the (migrated) test database behind ``connection``; its DATABASE_URL.
    Dropped when the block ends."""
    if connection.vendor == "sqlite":
        path = workdir / "served.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
        yield f"sqlite:///{path}"
        return
    if connection.vendor != "postgresql":
        raise ServedSiteError(f"no copy for a {connection.vendor} database")
    import psycopg

    source = connection.settings_dict["NAME"]
    name = f"{source}_served"
    # A template database must have no other session: close ours (Django reopens it).
    connection.close()
    with psycopg.connect(PG_SERVER + "postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    try:
        yield PG_SERVER + name
    finally:
        with psycopg.connect(PG_SERVER + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def query(database_url: str, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of ``sql`` read straight from the served database, as an operator would."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            return conn.execute(sql.replace("%s", "?"), params).fetchall()
    import psycopg

    with psycopg.connect(database_url) as conn:
        return conn.execute(sql, params).fetchall()


# --- the site -------------------------------------------------------------------------


def production_environment(
    workdir: Path, database_url: str, redis_url: str, **extra: str
) -> dict[str, str]:
    """The environment of a production server: built from nothing, so the test run's own
    settings (DJANGO_SETTINGS_MODULE, SECRET_KEY, TASKS_BACKEND, ...) cannot leak in."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(workdir),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEFAULT_FROM_EMAIL": "Fabrique <bonjour@fabrique.example>",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_FORMAT": "json",
        # One worker process: the tests are sequential; threads as in production.
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "4",
    }
    if database_url.startswith("sqlite:"):
        env["ALLOW_SQLITE"] = "true"
    env.update(extra)
    return env


def prepare_site(env: dict[str, str]) -> dict[str, dict[str, str]]:
    """Build the pages in the database of ``env`` and collect the static files; the
    pages' paths ({"home": {"fr": "/", "en": "/en/"}, "screening": {...}})."""
    output = manage("shell", "-c", SEED, env=env)
    line = next((ln for ln in output.splitlines() if ln.startswith("SERVED-SITE ")), None)
    if line is None:
        raise ServedSiteError(f"the site was not built:\n{output[-2000:]}")
    manage("collectstatic", "--noinput", env=env)
    return {
        name: {language: urlsplit(url).path for language, url in urls.items()}
        for name, urls in json.loads(line.removeprefix("SERVED-SITE ")).items()
    }


# --- Redis ----------------------------------------------------------------------------


class RedisServer:
    """A redis-server of our own, in memory only, on a free loopback port; its data
    written to disk only when stopped with ``shutdown_saving``, and read back by the
    next ``start``."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        binary = shutil.which("redis-server")
        if binary is None:
            raise ServedSiteError("redis-server is not installed (apt install redis-server)")
        # Tests run side by side (pytest-xdist): another worker's server may take the
        # port first; ours then exits, and the PONG was not its own: try another port.
        for _attempt in range(3):
            self.process = subprocess.Popen(
                [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
                + ["--appendonly", "no", "--dir", str(self.workdir)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if self._answers():
                return self
            if self.process.poll() is None:
                break
            self.port = free_port()
        self.stop()
        raise ServedSiteError(f"redis-server did not answer on port {self.port}")

    def shutdown_saving(self) -> None:
        """Stop as a packaged Redis stops (Debian's keeps its data): the data set
        written to dump.rdb in the workdir, which the next ``start`` loads."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(b"SHUTDOWN SAVE\r\n")
            sock.recv(64)  # the server closes the connection once the dump is written
        self.process.wait(timeout=30)

    def _answers(self) -> bool:
        """True once our own server answers (its INFO gives our process id); False if it
        exited or stays silent."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"INFO server\r\n")
                    info = b""
                    while b"process_id:" not in info or not info.endswith(b"\r\n"):
                        chunk = sock.recv(4096)
                        if not chunk:
                            break
                        info += chunk
                    if f"process_id:{self.process.pid}\r\n".encode() in info:
                        return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


# --- gunicorn -------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    # Set-Cookie headers as sent: {name: "name=value; Path=/; Secure; ..."}.
    set_cookies: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)

    def cookie(self, name: str) -> str:
        """The value of cookie ``name`` this response set."""
        return self.set_cookies[name].split(";", 1)[0].split("=", 1)[1]


@dataclass
class ServedSite:
    port: int
    process: subprocess.Popen
    log_path: Path
    pages: dict[str, dict[str, str]]
    static_root: str

    @property
    def origin(self) -> str:
        """The address visitors use (TLS is nginx's; it tells gunicorn so)."""
        return f"https://127.0.0.1:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        https: bool = True,
    ) -> Response:
        """One request as nginx would pass it on (X-Forwarded-Proto: https), redirects
        not followed, bodies not decompressed."""
        sent = {"Accept-Language": "fr"}
        if https:
            sent["X-Forwarded-Proto"] = "https"
        sent.update(headers or {})
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            set_cookies = {
                value.split("=", 1)[0].strip(): value
                for name, value in response.getheaders()
                if name.lower() == "set-cookie"
            }
            return Response(
                status=response.status,
                headers={name.lower(): value for name, value in response.getheaders()},
                body=response.read(),
                set_cookies=set_cookies,
            )
        finally:
            connection.close()

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def log_lines_with(self, *texts: str, seconds: float = 10) -> list[str]:
        """The log lines holding all ``texts``, waiting for them up to ``seconds``: gunicorn
        writes a request's access line after the response has gone, so a client can read
        the log before its own line is there."""
        deadline = time.monotonic() + seconds
        while True:
            lines = [
                line for line in self.log().splitlines() if all(text in line for text in texts)
            ]
            if lines or time.monotonic() > deadline:
                return lines
            time.sleep(0.05)


@contextmanager
def serve(env: dict[str, str], workdir: Path, pages: dict, name: str = "gunicorn") -> Iterator:
    """gunicorn with the repository's gunicorn.conf.py on a free port until the block
    ends; stopped (TERM, then KILL) even when the block fails."""
    log_path = workdir / f"{name}.log"
    process = None
    try:
        for _attempt in range(3):
            port = free_port()
            with log_path.open("ab") as log:
                process = subprocess.Popen(
                    [GUNICORN, "--config", "gunicorn.conf.py", "fabrique.wsgi"],
                    cwd=REPO_ROOT,
                    env={**env, "BIND": f"127.0.0.1:{port}"},
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            site = ServedSite(
                port=port,
                process=process,
                log_path=log_path,
                pages=pages,
                static_root=env["STATIC_ROOT"],
            )
            if _wait_until_answering(site, timeout=60):
                break
            if process.poll() is None:
                raise ServedSiteError(f"gunicorn did not answer in 60 s:\n{site.log()[-3000:]}")
        else:
            raise ServedSiteError(f"gunicorn would not start:\n{log_path.read_text()[-3000:]}")
        yield site
    finally:
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _wait_until_answering(site: ServedSite, timeout: float) -> bool:
    """True once the server answers at all (the health check itself is under test)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if site.process.poll() is not None:
            return False
        try:
            site.get("/robots.txt", headers={}, https=True)
            return True
        except OSError:
            time.sleep(0.2)
    return False
