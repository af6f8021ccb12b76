"""The Wednesday rush: hundreds of visitors book the same screening at the same moment.

    .venv/bin/python -m bench.booking_rush [--visitors 300] [--places 80]

Run by hand on a quiet machine, never in the suite; results go to docs/benchmarks.md.

1. Builds a throwaway PostgreSQL database (``fabrique_rush`` on 127.0.0.1, dropped
   first), migrates it, seeds the demo site and gives one screening session exactly
   ``--places`` places and no bookings.
2. Starts the site under gunicorn as two separate server processes (two masters, each
   with its own workers) sharing that database, with production settings over plain
   HTTP (``bench/rush_settings.py``: rate limit off, email queued in the database as in
   production).
3. Every visitor loads the screening page (its own cookies and CSRF token) from one of
   the two servers; when all have it, they all post the booking form at once, for one
   seat each. Then the same visitors do the same with a trivial form (a CSRF-checked
   POST that only redirects) on the same stack.
4. Prints confirmed seats (must equal the places), waitlisted requests, HTTP errors (must
   be 0), booking posts per second, p50/p95/p99 latency of the posts, the trivial post's
   throughput, and the ratio of the two; exits non-zero if seats were oversold or any
   request failed.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

import psycopg
import requests

from bench.stack import ROOT, fresh_database, seed_demo, shell, start_gunicorn, stop

DB_NAME = "fabrique_rush"


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    first_start: float = float("inf")
    last_end: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, started: float, ended: float, status: int | None, error: str = ""):
        with self.lock:
            self.first_start = min(self.first_start, started)
            self.last_end = max(self.last_end, ended)
            self.latencies.append(ended - started)
            if status is not None:
                self.statuses.append(status)
            if error:
                self.errors.append(error)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / (self.last_end - self.first_start)

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


SETUP = """
from events.models import ScreeningPage, Session
page = ScreeningPage.objects.filter(locale__language_code="fr").live().order_by("pk").first()
session = Session.objects.filter(page=page).order_by("start").first()
session.bookings.all().delete()
session.places = {places}
session.save()
print(page.url_path, session.pk)
"""


def prepare(env: dict, places: int) -> tuple[str, int]:
    seed_demo(env)
    dev = {**env, "DJANGO_SETTINGS_MODULE": "fabrique.settings.dev"}
    url_path, session_pk = shell(SETUP.format(places=places), dev)[-2:]
    # The home page is "/" in the tree's url_path "/home/..."; drop the site root part.
    return "/" + url_path.strip("/").split("/", 1)[1] + "/", int(session_pk)


def start_servers(env: dict, *, workers: int, threads: int) -> tuple[list, list[str]]:
    started = [start_gunicorn(env, workers=workers, threads=threads) for _ in range(2)]
    return [process for process, _url in started], [url for _process, url in started]


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SESSION = re.compile(r'name="session" value="([^"]+)"')


def visitor(n: int, base: str, path: str, kind: str, ready, outcome: Outcome) -> None:
    client = requests.Session()
    try:
        page = client.get(base + path, timeout=60)
        page.raise_for_status()
        token = CSRF.search(page.text).group(1)
        if kind == "booking":
            data = {
                "csrfmiddlewaretoken": token,
                "session": SESSION.search(page.text).group(1),
                "first_name": "Visiteur",
                "last_name": f"N{n}",
                "email": f"visiteur{n}@example.org",
                "seats": "1",
                "terms": "on",
                "website": "",
            }
        else:
            data = {"csrfmiddlewaretoken": token, "name": f"visitor {n}"}
    except Exception as error:  # noqa: BLE001 — every failure is counted, none hidden
        ready.wait()
        outcome.record(time.perf_counter(), time.perf_counter(), None, f"GET: {error!r}")
        return
    ready.wait()  # everybody has the page open: now they all press the button
    # A person reads the page before pressing the button: the post goes on a new
    # connection (the server has long closed the idle keep-alive one), cookies kept.
    client.close()
    started = time.perf_counter()
    try:
        response = client.post(
            base + path,
            data=data,
            headers={"Referer": base + path},
            allow_redirects=False,
            timeout=120,
        )
        ended = time.perf_counter()
        error = "" if response.status_code in (302, 303) else f"HTTP {response.status_code}"
        outcome.record(started, ended, response.status_code, error)
    except Exception as error:  # noqa: BLE001
        outcome.record(started, time.perf_counter(), None, f"POST: {error!r}")


def rush(urls: list[str], path: str, kind: str, visitors: int) -> Outcome:
    outcome = Outcome()
    ready = threading.Barrier(visitors)
    threads = [
        threading.Thread(target=visitor, args=(n, urls[n % len(urls)], path, kind, ready, outcome))
        for n in range(visitors)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome


def counts(database_url: str, session_pk: int) -> tuple[int, int]:
    with psycopg.connect(database_url) as conn:
        rows = dict(
            conn.execute(
                "SELECT status, COALESCE(SUM(seats), 0) FROM events_booking "
                "WHERE session_id = %s GROUP BY status",
                [session_pk],
            ).fetchall()
        )
        waiting = conn.execute(
            "SELECT COUNT(*) FROM events_booking WHERE session_id = %s AND status = 'waitlisted'",
            [session_pk],
        ).fetchone()[0]
    return rows.get("confirmed", 0), waiting


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=300)
    parser.add_argument("--places", type=int, default=80)
    parser.add_argument("--workers", type=int, default=2, help="per server process")
    parser.add_argument("--threads", type=int, default=4, help="per worker")
    args = parser.parse_args()

    static_root = tempfile.mkdtemp(prefix="fabrique-rush-static-")
    database_url = fresh_database(DB_NAME)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.rush_settings",
        "BENCH_STATIC_ROOT": static_root,
        "PYTHONPATH": str(ROOT),
    }
    print(f"Preparing {DB_NAME}: migrate, seed_demo, one session of {args.places} places…")
    path, session_pk = prepare(env, args.places)
    servers, urls = start_servers(env, workers=args.workers, threads=args.threads)
    try:
        print(f"{len(urls)} gunicorn servers × {args.workers} workers × {args.threads} threads")
        booking = rush(urls, path, "booking", args.visitors)
        trivial = rush(urls, "/bench/trivial/", "trivial", args.visitors)
    finally:
        for server in servers:
            stop(server)
        shutil.rmtree(static_root, ignore_errors=True)

    confirmed, waitlisted = counts(database_url, session_pk)
    ms = 1000
    print(f"visitors:            {args.visitors} at once, {args.places} places")
    print(f"confirmed seats:     {confirmed}")
    print(f"waitlisted requests: {waitlisted}")
    print(f"HTTP errors:         {len(booking.errors)} booking, {len(trivial.errors)} trivial")
    for error in sorted(set(booking.errors + trivial.errors))[:5]:
        print(f"    {error}")
    print(f"bookings per second: {booking.per_second:.1f}")
    print(
        f"booking post latency: p50 {booking.percentile(50) * ms:.0f} ms, "
        f"p95 {booking.percentile(95) * ms:.0f} ms, p99 {booking.percentile(99) * ms:.0f} ms"
    )
    print(f"trivial posts per second: {trivial.per_second:.1f}")
    print(
        f"trivial post latency: p50 {trivial.percentile(50) * ms:.0f} ms, "
        f"p95 {trivial.percentile(95) * ms:.0f} ms, p99 {trivial.percentile(99) * ms:.0f} ms"
    )
    print(f"ratio booking / trivial: {booking.per_second / trivial.per_second:.2f}")
    ok = confirmed == args.places and not booking.errors and not trivial.errors
    ok = ok and confirmed + waitlisted == args.visitors
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
