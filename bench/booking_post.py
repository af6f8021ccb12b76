"""The booking post in process: what one post costs the application, beside the trivial
CSRF-checked post of ``bench/booking_rush.py``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fabrique_x \\
        .venv/bin/python -m bench.booking_post [--posts 300] [--places 80] [--profile out.prof]

Run by hand on a PostgreSQL database holding the demo site (``seed_demo``), never in the
suite; results go to docs/benchmarks.md. It takes the rush's session (the first one a
screening's form offers now), empties it and gives it ``--places`` places, then, with
the production settings of the rush (``bench/rush_settings.py``, Redis under a key
prefix of its own) and ``django.test.Client`` enforcing CSRF, makes ``--posts`` visitors
each load the page and post the form once: the first ``--places`` are confirmed, the
others wait, as in the rush. Only the posts are timed: process CPU time (the database
and Redis run in other processes: not counted), wall time and queries, for the
confirmed posts and the waitlisted ones apart, and the same for the trivial post.
``--profile`` writes a cProfile of all the booking posts (``python -m pstats``);
``--no-commit-wait`` turns ``synchronous_commit`` off for the run's connection, to see
what the WAL flush at COMMIT costs (a diagnostic, never a setting to ship).
"""

import argparse
import cProfile
import os
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from bench.stack import booking_form, rush_session

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ACTION = re.compile(r'<form class="booking__form" method="post" action="([^"#]+)')


def setup(places: int):
    os.environ.setdefault("BENCH_STATIC_ROOT", str(Path(tempfile.gettempdir(), "fabrique-post")))
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/12")
    os.environ.setdefault("CACHE_KEY_PREFIX", f"fabrique-post-{uuid.uuid4().hex}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.rush_settings"
    import django

    django.setup()
    from django.core.management import call_command

    # The pages name their static files through the manifest, as in production.
    call_command("collectstatic", interactive=False, verbosity=0)
    return rush_session(places)


def visit(client, path: str) -> tuple[str, str]:
    """Load the page as a visitor: its CSRF token and the form's action."""
    page = client.get(path)
    assert page.status_code == 200, page.status_code
    text = page.content.decode()
    action = ACTION.search(text)
    return CSRF.search(text).group(1), action.group(1) if action else path


def post_form(client, path: str, data: dict, **headers):
    """POST ``data`` urlencoded, as a browser sends a form without files."""
    return client.post(
        path, urlencode(data), content_type="application/x-www-form-urlencoded", **headers
    )


def timed(post, *args, **kwargs) -> tuple[float, float, int, int]:
    """CPU ms, wall ms, number of queries, status and SQL of one ``post``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        wall, cpu = time.perf_counter(), time.process_time()
        response = post(*args, **kwargs)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    sqls = [q["sql"] for q in queries.captured_queries]
    # The statements of the booking's transaction, from the first after BEGIN (the claim,
    # which takes the session's row lock) to COMMIT: their time in the database, and the
    # COMMIT's own (the WAL flush).
    inside = [float(q["time"]) * 1000 for q in queries.captured_queries if q["sql"] != "BEGIN"]
    begin = sqls.index("BEGIN") + 1 if "BEGIN" in sqls else len(sqls)
    end = sqls.index("COMMIT") + 1 if "COMMIT" in sqls else begin
    locked = inside[begin - 1 : end - 1]
    commit = locked[-1] if "COMMIT" in sqls else 0.0
    return cpu * 1000, wall * 1000, len(sqls), response.status_code, sqls, sum(locked), commit


def summary(name: str, rows: list) -> None:
    if not rows:
        return
    cpu = statistics.median(r[0] for r in rows)
    mean = statistics.fmean(r[0] for r in rows)
    wall = statistics.median(r[1] for r in rows)
    queries = sorted({r[2] for r in rows})
    locked = statistics.median(r[5] for r in rows)
    commit = statistics.median(r[6] for r in rows)
    print(
        f"{name:<22} {len(rows):>4} posts  CPU median {cpu:6.2f} ms  mean {mean:6.2f} ms  "
        f"wall median {wall:6.2f} ms  queries {queries}  in the transaction (database) "
        f"{locked:5.2f} ms, of which COMMIT {commit:5.2f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--places", type=int, default=80)
    parser.add_argument("--profile", help="write a cProfile of the booking posts here")
    parser.add_argument("--show-queries", action="store_true", help="print one post's SQL")
    parser.add_argument(
        "--no-commit-wait",
        action="store_true",
        help="diagnostic only, never a setting to ship: synchronous_commit off, so COMMIT "
        "does not wait for the WAL flush",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("DATABASE_URL: a PostgreSQL database with the demo site")
    page, session = setup(args.places)
    if args.no_commit_wait:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
    from django.test import Client

    from events.bookings import Booking

    # CPU time only: the waits on PostgreSQL are not Python's work.
    profiler = cProfile.Profile(time.process_time) if args.profile else None
    path = page.url
    confirmed, waitlisted, trivial = [], [], []
    for n in range(args.posts):
        client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
        token, action = visit(client, path)
        data = booking_form(token, str(session.uid), n)
        if profiler:
            profiler.enable()
        row = timed(post_form, client, action, data, HTTP_REFERER="http://localhost" + path)
        if profiler:
            profiler.disable()
        assert row[3] == 302, row
        (confirmed if n < args.places else waitlisted).append(row)
        if args.show_queries and n in (args.places - 1, args.places):
            for sql in row[4]:
                print("   ", sql[:300])

        other = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
        token, _action = visit(other, "/bench/trivial/")
        row = timed(post_form, other, "/bench/trivial/", {"csrfmiddlewaretoken": token})
        assert row[3] == 302, row
        trivial.append(row)

    counted = {
        status: Booking.objects.filter(session=session, status=status).count()
        for status in ("confirmed", "waitlisted")
    }
    print(f"session {session.pk}: {counted}; load average {os.getloadavg()}")
    summary("booking, confirmed", confirmed)
    summary("booking, waitlisted", waitlisted)
    summary("booking, all", confirmed + waitlisted)
    summary("trivial post", trivial)
    if profiler:
        profiler.dump_stats(args.profile)
        print(f"profile: {args.profile}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
