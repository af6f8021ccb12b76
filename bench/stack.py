"""What the benchmarks share: a throwaway PostgreSQL database with the demo site, and
gunicorn processes serving it with production settings on loopback."""

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SERVER_URL = "postgres://postgres@127.0.0.1:5432/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list[str], env: dict) -> None:
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def shell(code: str, env: dict) -> list[str]:
    """Run ``code`` in ``manage.py shell``; its printed words."""
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()


def rush_session(places: int):
    """The rush's session, run where Django is set up on the demo database: the first
    date a screening's form offers now (the demo has past sessions too), emptied of its
    bookings and of partners' groups (the demo holds places for one on an early date),
    with ``places`` places. Returns the screening page and the session."""
    from events.models import ScreeningPage
    from events.services import session_counters_sync
    from events.views import bookable_sessions
    from partners.models import GroupRequest

    for page in ScreeningPage.objects.filter(locale__language_code="fr").live().order_by("pk"):
        offered, _owner = bookable_sessions(page=page, labelled=False)
        if offered:
            break
    else:
        raise SystemExit("no screening of the demo takes bookings now")
    session = offered[0]
    session.bookings.all().delete()
    GroupRequest.objects.filter(session=session).delete()
    session.places = places
    session.save()
    session_counters_sync(session_id=session.pk)
    return page, session


def booking_form(token: str, session_uid: str, n: int) -> dict[str, str]:
    """What visitor ``n`` of a rush posts: one seat on ``session_uid``, with the CSRF
    token of the page they loaded."""
    return {
        "csrfmiddlewaretoken": token,
        "session": session_uid,
        "first_name": "Visiteur",
        "last_name": f"N{n}",
        "email": f"visiteur{n}@example.org",
        "seats": "1",
        "terms": "on",
        "website": "",
    }


def fresh_database(name: str) -> str:
    """Drop and create database ``name``; its URL."""
    with psycopg.connect(SERVER_URL + "postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return SERVER_URL + name


def seed_demo(env: dict) -> None:
    """Migrate and seed the demo site (seed_demo refuses production settings), then
    collect the static files for the production settings in ``env``."""
    dev = {**env, "DJANGO_SETTINGS_MODULE": "fabrique.settings.dev"}
    run([PYTHON, "manage.py", "migrate", "--noinput"], dev)
    run([PYTHON, "manage.py", "seed_demo"], dev)
    run([PYTHON, "manage.py", "collectstatic", "--noinput"], env)


def start_gunicorn(env: dict, *, workers: int, threads: int) -> tuple[subprocess.Popen, str]:
    """One gunicorn server on a free loopback port, answering /healthz; (process, url).

    With the repository's gunicorn.conf.py, as deployed (keep-alive, timeouts, worker
    recycling, the JSON access log); only the address and the sizes are the bench's."""
    port = free_port()
    process = subprocess.Popen(
        [
            GUNICORN,
            *("--config", "gunicorn.conf.py", "fabrique.wsgi"),
            *("--bind", f"127.0.0.1:{port}"),
            *("--workers", str(workers), "--threads", str(threads)),
            *("--backlog", "2048", "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
        # The access log (one JSON line a request) is written as in production, unread.
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if requests.get(url + "/healthz", timeout=10).status_code == 200:
                return process, url
        except requests.RequestException:
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"server at {url} did not start")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
