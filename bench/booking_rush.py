"""The Wednesday rush: hundreds of visitors book the same screening at the same moment.

    .venv/bin/python -m bench.booking_rush [--visitors 300] [--places 80]

Run by hand on a quiet machine, never in the suite; results go to docs/benchmarks.md.

1. Builds a throwaway PostgreSQL database (``fabrique_rush`` on 127.0.0.1, or
   ``--database``; dropped first), migrates it, seeds the demo site and takes the first
   screening whose booking form offers a session now; its first offered session gets
   exactly ``--places`` places, no bookings and no group holding places.
2. Starts the site under gunicorn as two separate server processes (two masters, each
   with its own workers) sharing that database, with gunicorn.conf.py and production
   settings over plain HTTP (``bench/rush_settings.py``: rate limit off, email queued
   in the database as in production; Redis on 127.0.0.1, database 12, under a key
   prefix of the run's own).
3. Every visitor loads the screening page (its own cookies and CSRF token) from one of
   the two servers and checks that its form offers that session; when all have it,
   they all post the booking form at once, for one seat each, on the connection the
   page came on, as a browser does. Then the same visitors do the same with a trivial
   form (a CSRF-checked POST that only redirects) on the same stack.
4. Prints the session booked, confirmed seats, waitlisted requests, bookings of the
   rush recorded anywhere else, HTTP errors, booking posts per second, p50/p95/p99
   latency of the posts, the trivial post's throughput and the ratio of the two; exits
   non-zero, saying why, unless exactly the places were confirmed on that session and
   every other visitor waitlisted there, nothing went elsewhere and no request failed.
"""

import argparse
import os
import re
import runpy
import shutil
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field

import psycopg
import requests

from bench.stack import (
    ROOT,
    booking_form,
    fresh_database,
    seed_demo,
    shell,
    start_gunicorn,
    stop,
)

DB_NAME = "fabrique_rush"
# Production settings need Redis (cache, sessions' cache, page cache): the machine's,
# under a key prefix of this run's own, so nothing else there is read or overwritten.
REDIS_URL = "redis://127.0.0.1:6379/12"


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # Seconds between a visitor's page arriving and its post leaving: the connection
    # stayed idle that long.
    idle: list[float] = field(default_factory=list)
    # Pages the visitors loaded that the server built (X-Page-Cache: miss).
    page_builds: int = 0
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


# Run in the demo database (``bench.stack.rush_session``): the path and ids it prints.
SETUP = """
from bench.stack import rush_session
page, session = rush_session({places})
print(page.url_path, session.pk, session.uid)
"""


@dataclass
class Target:
    path: str
    session_pk: int
    session_uid: str


def prepare(env: dict, places: int) -> Target:
    seed_demo(env)
    dev = {**env, "DJANGO_SETTINGS_MODULE": "fabrique.settings.dev"}
    url_path, session_pk, session_uid = shell(SETUP.format(places=places), dev)[-3:]
    # The home page is "/" in the tree's url_path "/home/..."; drop the site root part.
    path = "/" + url_path.strip("/").split("/", 1)[1] + "/"
    return Target(path=path, session_pk=int(session_pk), session_uid=session_uid)


def start_servers(env: dict, *, workers: int, threads: int) -> tuple[list, list[str]]:
    started = [start_gunicorn(env, workers=workers, threads=threads) for _ in range(2)]
    return [process for process, _url in started], [url for _process, url in started]


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SESSION = re.compile(r'name="session" value="([^"]+)"')
# Where the booking form posts (its own view since issue 16), as a browser reads it.
BOOKING_ACTION = re.compile(r'<form class="booking__form" method="post" action="([^"#]+)')


def visitor(n: int, base: str, path: str, session_uid: str | None, ready, outcome) -> None:
    """Book ``session_uid`` on the page at ``path`` (None: post the trivial form)."""
    client = requests.Session()
    try:
        page = client.get(base + path, timeout=60)
        page.raise_for_status()
        if page.headers.get("X-Page-Cache") == "miss":
            with outcome.lock:
                outcome.page_builds += 1
        token = CSRF.search(page.text).group(1)
        target = path
        if session_uid is not None:
            target = BOOKING_ACTION.search(page.text).group(1)
            if session_uid not in SESSION.findall(page.text):
                raise LookupError(f"the form does not offer session {session_uid}")
            data = booking_form(token, session_uid, n)
        else:
            data = {"csrfmiddlewaretoken": token, "name": f"visitor {n}"}
    except Exception as error:  # noqa: BLE001 — every failure is counted, none hidden
        ready.wait()
        outcome.record(time.perf_counter(), time.perf_counter(), None, f"GET: {error!r}")
        return
    loaded = time.perf_counter()
    ready.wait()  # everybody has the page open: now they all press the button
    # On the connection the page came on, as a browser does: it must still be open.
    started = time.perf_counter()
    with outcome.lock:
        outcome.idle.append(started - loaded)
    try:
        response = client.post(
            base + target,
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


def rush(urls: list[str], path: str, session_uid: str | None, visitors: int) -> Outcome:
    outcome = Outcome()
    ready = threading.Barrier(visitors)
    threads = [
        threading.Thread(
            target=visitor, args=(n, urls[n % len(urls)], path, session_uid, ready, outcome)
        )
        for n in range(visitors)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcome


@dataclass
class Counts:
    confirmed_seats: int
    waitlisted: int
    elsewhere: int  # bookings of the rush's visitors on any other session


def counts(database_url: str, session_pk: int) -> Counts:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT session_id = %s, status, COUNT(*), COALESCE(SUM(seats), 0) "
            "FROM events_booking WHERE email LIKE 'visiteur%%@example.org' "
            "GROUP BY 1, 2",
            [session_pk],
        ).fetchall()
    here = {status: (number, seats) for on_it, status, number, seats in rows if on_it}
    return Counts(
        confirmed_seats=here.get("confirmed", (0, 0))[1],
        waitlisted=here.get("waitlisted", (0, 0))[0],
        elsewhere=sum(number for on_it, _status, number, _seats in rows if not on_it),
    )


def failures(args, found: Counts, booking: Outcome, trivial: Outcome, keepalive: int) -> list:
    """Why the run does not show what it claims to; empty when it does."""
    wrong = []
    if found.confirmed_seats != args.places:
        wrong.append(f"{found.confirmed_seats} seats confirmed, not {args.places}")
    if found.waitlisted != args.visitors - args.places:
        wrong.append(f"{found.waitlisted} waitlisted, not {args.visitors - args.places}")
    if found.elsewhere:
        wrong.append(f"{found.elsewhere} bookings went to another session")
    if booking.errors or trivial.errors:
        wrong.append(f"{len(booking.errors) + len(trivial.errors)} requests failed")
    longest = max(booking.idle + trivial.idle, default=0)
    if longest >= keepalive:
        wrong.append(
            f"a connection stayed idle {longest:.0f} s, longer than gunicorn keeps one "
            f"({keepalive} s): posts went on new connections, unlike a browser's"
        )
    return wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=300)
    parser.add_argument("--places", type=int, default=80)
    parser.add_argument("--workers", type=int, default=2, help="per server process")
    parser.add_argument("--threads", type=int, default=4, help="per worker")
    parser.add_argument(
        "--database", default=DB_NAME, help="the throwaway database's name (dropped first)"
    )
    args = parser.parse_args()

    static_root = tempfile.mkdtemp(prefix="fabrique-rush-static-")
    database_url = fresh_database(args.database)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.rush_settings",
        "BENCH_STATIC_ROOT": static_root,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": f"fabrique-rush-{uuid.uuid4().hex}",
        "PYTHONPATH": str(ROOT),
    }
    print(f"Preparing {args.database}: migrate, seed_demo, one session of {args.places} places…")
    target = prepare(env, args.places)
    keepalive = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["keepalive"]
    servers, urls = start_servers(env, workers=args.workers, threads=args.threads)
    try:
        print(f"{len(urls)} gunicorn servers × {args.workers} workers × {args.threads} threads")
        booking = rush(urls, target.path, target.session_uid, args.visitors)
        trivial = rush(urls, "/bench/trivial/", None, args.visitors)
    finally:
        for server in servers:
            stop(server)
        shutil.rmtree(static_root, ignore_errors=True)

    found = counts(database_url, target.session_pk)
    ms = 1000
    print(f"session booked:      {target.path} session {target.session_uid}")
    print(f"visitors:            {args.visitors} at once, {args.places} places")
    print(f"confirmed seats:     {found.confirmed_seats}")
    print(f"waitlisted requests: {found.waitlisted}")
    print(f"booked elsewhere:    {found.elsewhere}")
    print(f"HTTP errors:         {len(booking.errors)} booking, {len(trivial.errors)} trivial")
    print(
        f"longest idle keep-alive: {max(booking.idle + trivial.idle, default=0):.1f} s "
        f"(gunicorn keeps {keepalive} s)"
    )
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
    wrong = failures(args, found, booking, trivial, keepalive)
    for reason in wrong:
        print(f"FAILED: {reason}")
    if not wrong:
        print("OK")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
