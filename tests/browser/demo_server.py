"""Build the demo site in a throwaway SQLite file and serve it on a free local port.

Everything runs in child processes (``manage.py migrate``, ``seed_demo``,
``runserver``) with their own settings and database, so the checks behave the
same whether the outer pytest run uses SQLite or PostgreSQL, and they never
touch the test database of the other tests. The demo is built once a run
(``build_demo_site``); each worker serves a copy of its own (``copy_demo_site``).
"""

import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tests.mail_server import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
SETTINGS = "fabrique.settings.dev"

# Run inside the demo database by ``manage.py shell``: one page of each kind the
# browser checks open, in French and English, found by page type rather than by slug.
DISCOVER_PAGES = r"""
import json
from django.utils import timezone
from wagtail.models import Locale
from archive.models import ArchiveIndexPage, CapsulePage
from events.models import ScreeningPage, Session
from home.models import HomePage
from premieres.models import PremiereProposal, RoomLoanPage
from residents.models import ProjectPage, ResidentIndexPage, ResidentPage
from workshops.models import WorkshopPage
from training.models import TrainingModulePage
from workshops.selectors import registration_offer

french = Locale.objects.get(language_code="fr")
english = Locale.objects.get(language_code="en")
upcoming = set(
    Session.objects.filter(end__gte=timezone.now()).values_list("event_key", flat=True)
)

def first(model, prefer=lambda page: True):
    pages = list(model.objects.live().public().filter(locale=french).order_by("path"))
    return next((page for page in pages if prefer(page)), pages[0] if pages else None)

picks = {
    "home": first(HomePage),
    "screening": first(ScreeningPage, lambda page: page.translation_key in upcoming),
    "residents": first(ResidentIndexPage),
    "resident": first(ResidentPage),
    "workshop": first(WorkshopPage, lambda page: registration_offer(page=page).is_open),
    "training": first(
        TrainingModulePage, lambda page: page.application_deadline > timezone.now()
    ),
    "archive": first(ArchiveIndexPage),
    "capsule": first(CapsulePage, lambda page: page.video_file_id is not None),
    "project": first(
        ProjectPage, lambda page: PremiereProposal.objects.filter(project=page).exists()
    ),
    "room": first(RoomLoanPage),
}
found = {}
for name, page in picks.items():
    if page is None:
        continue
    found[name] = {"fr": page.get_full_url()}
    translation = page.get_translation_or_none(english)
    if translation is not None and translation.live:
        found[name]["en"] = translation.get_full_url()
print("DEMO-PAGES " + json.dumps(found))
"""


EXCEPTION_LINE = re.compile(r"^(Internal Server Error: |[\w.]+(Error|Exception|Exit): )")


class DemoSiteError(RuntimeError):
    """The demo site could not be built or served; the message says which step and why."""


@dataclass
class DemoSite:
    base_url: str
    workdir: Path
    log_path: Path
    # {"home": {"fr": "/", "en": "/en/"}, "screening": {...}, ...}: paths on the server.
    pages: dict[str, dict[str, str]] = field(default_factory=dict)
    # The environment the server runs in, for ``manage()`` steps on the same database.
    env: dict[str, str] = field(default_factory=dict)

    @property
    def netloc(self) -> str:
        return urlsplit(self.base_url).netloc

    def url(self, path: str) -> str:
        return self.base_url + path

    def get(self, path: str, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
        """One GET on the server, redirects not followed."""
        connection = http.client.HTTPConnection(self.netloc, timeout=timeout)
        try:
            connection.request("GET", path, headers={"Accept-Language": "fr"})
            response = connection.getresponse()
            headers = {name.lower(): value for name, value in response.getheaders()}
            return response.status, headers, response.read()
        finally:
            connection.close()

    def log_size(self) -> int:
        return self.log_path.stat().st_size

    def server_errors(self, since: int = 0) -> list[str]:
        """The exception lines runserver logged after byte ``since`` (what a 500 was)."""
        with self.log_path.open("rb") as log:
            log.seek(since)
            text = log.read().decode(errors="replace")
        errors = []
        for line in text.splitlines():
            if EXCEPTION_LINE.match(line) and line not in errors:
                errors.append(line)
        return errors

    def log_tail(self, lines: int = 40) -> str:
        return _tail(self.log_path.read_text(errors="replace"), lines)


def demo_environment(workdir: Path, smtp_port: int | None = None) -> dict[str, str]:
    """The demo server's environment; its emails go to ``smtp_port`` on 127.0.0.1, sent
    at once after each commit (the immediate task backend), when a port is given."""
    env = os.environ.copy()
    # The outer run's settings (pytest-django's test settings) must not leak in.
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "ALLOWED_HOSTS", "TASKS_BACKEND"):
        env.pop(name, None)
    if smtp_port is not None:
        env.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp_port),
            EMAIL_USE_TLS="",
            EMAIL_USE_SSL="",
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT="5",
        )
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=f"sqlite:///{workdir / 'demo.db'}",
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(*args: str, env: dict[str, str], timeout: float = 600) -> str:
    command = [sys.executable, "manage.py", *args]
    try:
        result = subprocess.run(
            command,
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise DemoSiteError(f"`manage.py {' '.join(args)}` took more than {timeout} s") from error
    if result.returncode != 0:
        exceptions = [line for line in result.stderr.splitlines() if EXCEPTION_LINE.match(line)]
        raise DemoSiteError(
            f"`manage.py {' '.join(args)}` exited with {result.returncode}: "
            + (" / ".join(exceptions[-3:]) or "(no exception line)")
            + f"\n--- last lines:\n{_tail(result.stdout, 10)}\n{_tail(result.stderr, 30)}"
        )
    return result.stdout


def build_demo_database(env: dict[str, str]) -> dict[str, dict[str, str]]:
    """Migrate and seed the demo database; return the paths of the pages under test."""
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", env=env)
    output = manage("shell", "-c", DISCOVER_PAGES, env=env, timeout=120)
    line = next(
        (line for line in reversed(output.splitlines()) if line.startswith("DEMO-PAGES ")), None
    )
    if line is None:
        raise DemoSiteError(f"page discovery printed nothing useful:\n{_tail(output, 20)}")
    found = json.loads(line.removeprefix("DEMO-PAGES "))
    return {
        name: {language: _path_of(url) for language, url in urls.items()}
        for name, urls in found.items()
    }


DEMO_BUILD = "demo-build"  # its folder in the run's shared folder


def build_demo_site(folder: Path) -> None:
    """Migrate and seed a demo database in ``folder``, its media beside it, and note the
    paths of the pages under test in ``pages.json``."""
    pages = build_demo_database(demo_environment(folder))
    (folder / "pages.json").write_text(json.dumps(pages), encoding="utf-8")


def copy_demo_site(built: Path, workdir: Path) -> dict[str, dict[str, str]]:
    """Copy the demo site built in ``built`` (database and media) into ``workdir``, for a
    server of one worker's own: what its tests change, no other worker sees. Returns the
    paths of the pages under test."""
    shutil.copy2(built / "demo.db", workdir / "demo.db")
    if (built / "media").is_dir():
        shutil.copytree(built / "media", workdir / "media")
    return json.loads((built / "pages.json").read_text(encoding="utf-8"))


@contextmanager
def serve(env: dict[str, str], workdir: Path) -> Iterator[DemoSite]:
    """Run ``runserver`` on a free port until the block ends, whatever happens in it."""
    log_path = workdir / "server.log"
    process = None
    try:
        for _attempt in range(3):
            port = free_port()
            with log_path.open("ab") as log:
                process = subprocess.Popen(
                    [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
                    cwd=REPO_ROOT,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            site = DemoSite(
                base_url=f"http://127.0.0.1:{port}", workdir=workdir, log_path=log_path, env=env
            )
            if _wait_until_answering(site, process, timeout=90):
                break
            if process.poll() is None:
                raise DemoSiteError(f"runserver did not answer in 90 s:\n{site.log_tail()}")
            # It exited: most likely the port was taken in between; try another one.
        else:
            raise DemoSiteError(f"runserver would not start:\n{_tail(log_path.read_text(), 40)}")
        _warm_up(site)
        yield site
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_answering(site: DemoSite, process: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            status, _headers, _body = site.get("/healthz", timeout=5)
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return True
        raise DemoSiteError(f"/healthz answered {status}:\n{site.log_tail()}")
    return False


WARM_PATHS = ("/", "/en/")
LOCAL_ASSET = re.compile(r'(?:href|src)="(/(?:static|media)/[^"]+)"')


def _warm_up(site: DemoSite, timeout: float = 120) -> None:
    """Serve the home pages and what they link to once before the first check.

    ``/healthz`` answers before the first page is rendered: templates, URL patterns and
    page classes are loaded on the first real request, which on a loaded machine took
    longer than a check's page load limit (20 s) by itself."""
    assets = set()
    for path in WARM_PATHS:
        status, _headers, body = site.get(path, timeout=timeout)
        if status != 200:
            raise DemoSiteError(f"{path} answered {status} while warming up:\n{site.log_tail()}")
        assets.update(LOCAL_ASSET.findall(body.decode(errors="replace")))
    for path in sorted(assets):
        site.get(path.replace("&amp;", "&"), timeout=timeout)


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _tail(text: str, lines: int) -> str:
    return "\n".join(text.splitlines()[-lines:])


if __name__ == "__main__":
    # ``python -m tests.browser.demo_server RUN_FOLDER``: the background build started
    # by tests/browser/conftest.py, under the same lock as the fixture's.
    from tests.workers import build_in

    build_in(Path(sys.argv[1]), DEMO_BUILD, build_demo_site)
