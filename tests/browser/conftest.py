"""Fixtures for the browser checks: the demo site, served, and one headless Chromium.

The demo site is built once a run (the slow part), in the background from the
start of the run, whatever the number of pytest-xdist workers, and each worker
serves a copy of its own for the whole session. The browser lives only as long
as this package's tests: Playwright's sync API keeps an asyncio loop running
while it is started, and Django refuses database queries while a loop runs, so
it must be gone before the other tests run.
"""

import asyncio
import functools
import importlib.util
import os
import signal
import subprocess
import sys
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.mail_server import MailServer
from tests.workers import built_once, first_to_claim, run_folder

from .demo_server import (
    DEMO_BUILD,
    REPO_ROOT,
    DemoSite,
    DemoSiteError,
    build_demo_site,
    copy_demo_site,
    demo_environment,
    serve,
)

# Debian's chromium; FABRIQUE_CHROMIUM points elsewhere (and lets the skip path be tried).
CHROMIUM = Path(os.environ.get("FABRIQUE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}


def browser_required() -> bool:
    """CI (and anyone who sets FABRIQUE_REQUIRE_BROWSER) fails instead of skipping."""
    return any(
        os.environ.get(name, "").strip().lower() not in {"", "0", "false", "no", "off"}
        for name in ("CI", "FABRIQUE_REQUIRE_BROWSER")
    )


def missing_browser() -> str | None:
    """Why the browser checks cannot run here, or None when they can."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"{CHROMIUM} is not installed"
    for package in ("playwright", "axe_playwright_python"):
        if importlib.util.find_spec(package) is None:
            return f"the Python package {package} is not installed"
    return None


def skip_reason(problem: str) -> str:
    return (
        f"{problem}; install Debian's chromium (apt-get install chromium) to run the browser checks"
    )


BACKGROUND_BUILD = pytest.StashKey[subprocess.Popen]()


def pytest_collection_finish(session):
    """When the run has browser checks, one worker starts building the demo site at once,
    in the background: the build (the slow part) then overlaps the other tests instead of
    holding up the first browser check, whose fixture waits on the build's lock."""
    if (
        session.config.option.collectonly
        or missing_browser() is not None
        or not any(item.get_closest_marker("browser") for item in session.items)
    ):
        return
    shared = run_folder(session.config._tmp_path_factory)
    if not first_to_claim(shared, DEMO_BUILD):
        return
    with (shared / f"{DEMO_BUILD}.log").open("wb") as log:
        session.config.stash[BACKGROUND_BUILD] = subprocess.Popen(
            [sys.executable, "-m", "tests.browser.demo_server", str(shared)],
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def pytest_sessionfinish(session, exitstatus):
    """The background build ends with the run: awaited, or stopped when interrupted."""
    process = session.config.stash.get(BACKGROUND_BUILD, None)
    if process is None:
        return
    if exitstatus == pytest.ExitCode.INTERRUPTED and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    process.wait()


@pytest.fixture(scope="session")
def chromium_ready():
    """Skip (or, when required, fail) before anything slow is built for nothing.

    Tests list it first (``usefixtures``) so it runs before the demo site is built.
    """
    problem = missing_browser()
    if problem is not None:
        if browser_required():
            pytest.fail(
                f"{problem} (CI or FABRIQUE_REQUIRE_BROWSER is set: failing, not skipping)",
                pytrace=False,
            )
        pytest.skip(skip_reason(problem))


@pytest.fixture(scope="session")
def demo_mail_server():
    """The SMTP server the demo site sends its emails to (aiosmtpd, in this process)."""
    server = MailServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, demo_mail_server) -> DemoSite:
    workdir = tmp_path_factory.mktemp("demo-site")
    env = demo_environment(workdir, smtp_port=demo_mail_server.port)
    try:
        pages = copy_demo_site(built_once(tmp_path_factory, DEMO_BUILD, build_demo_site), workdir)
        with serve(env, workdir) as site:
            site.pages = pages
            yield site
    except DemoSiteError as error:
        pytest.fail(f"the demo site could not be built or served: {error}", pytrace=False)


@functools.cache
def axe_source() -> str:
    """axe-core as shipped inside axe-playwright-python (a registry package, no download)."""
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()


def axe_run(page, options: dict) -> dict:
    """axe-core's results for the page as it stands. The script (half a megabyte) is
    added to the pages audited only, not compiled again at every page a flow goes
    through; ``bypass_csp`` on the contexts lets it in under the site's policy."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate("options => axe.run(document, options)", options)


@pytest.fixture(scope="package")
def browser(chromium_ready):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()
        # Later tests use the database, which Django refuses while a loop runs.
        assert asyncio._get_running_loop() is None, "Playwright left an event loop running"


@pytest.fixture(scope="package")
def browser_context(browser, demo_site):
    """One context per viewport, made on first use and shared by the package's tests.

    Requests to any other host are recorded by the tests and aborted here, so a
    third-party URL fails fast instead of waiting on a network that isn't there.
    """
    chromium = browser
    contexts = {}

    def block_other_hosts(route):
        if urlsplit(route.request.url).netloc == demo_site.netloc:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def get(viewport: str):
        if viewport not in contexts:
            context = chromium.new_context(
                **VIEWPORTS[viewport],
                bypass_csp=True,  # so a strict CSP on the site cannot stop axe
                timezone_id="Europe/Paris",
                reduced_motion="reduce",
            )
            context.set_default_timeout(20_000)
            context.route("**/*", block_other_hosts)
            contexts[viewport] = context
        return contexts[viewport]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="package")
def browser_tab(browser_context):
    """One tab per viewport, which the checks of the package take in turn, each opening
    its own page in it (``audit`` removes its listeners after). A new tab costs Chromium
    some 0.8 s of CPU before it loads anything, more than most pages cost to load: a tab
    per check was about 80 s of the browser checks' 374 s of CPU a run. Cookies and
    storage were already shared through the context."""
    tabs = {}

    def get(viewport: str):
        tab = tabs.get(viewport)
        if tab is None or tab.is_closed():
            tab = tabs[viewport] = browser_context(viewport).new_page()
        return tab

    return get
