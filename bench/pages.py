"""In-process timings of the pages a rush reads, at 500 sessions.

    .venv/bin/python -m bench.pages [--sessions 500] [--repeat 7] [--fragment-seconds 600]

Run by hand, never in the suite; results go to docs/benchmarks.md. Builds a throwaway
SQLite database (bench.ical_feed's site: 50 screenings, their sessions), test settings
(page cache off; template fragments on as deployed, ``PAGE_FRAGMENT_SECONDS``, unless
``--fragment-seconds 0``: each request builds the page as a page-cache miss does), and
times with django.test.Client the median of ``--repeat`` warm requests of: home,
programme, one screening page, /calendar.ics with only the whole-feed cache dropped
before each request (the stored VEVENTs stay: a feed rebuilt after an edit), and
/calendar.ics with every cache dropped (built from scratch). For each it prints wall
time, process CPU time (the machine may be shared) and the query count; it fails if a
response is not a 200 or the feed does not hold every session.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.ical_feed import build_site, setup_django


def measure(get, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of ``repeat`` calls after one warm-up."""
    get()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        get()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--fragment-seconds", type=int, default=600)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(str(Path(tmp) / "bench.db"))
        from django.conf import settings
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from events.feeds import invalidate_feeds
        from events.models import ProgrammeIndexPage, ScreeningPage

        settings.PAGE_FRAGMENT_SECONDS = args.fragment_seconds
        build_site(args.sessions)
        client = Client()
        screening = ScreeningPage.objects.live().first()
        urls = {
            "home": "/",
            "programme": ProgrammeIndexPage.objects.get().url,
            "screening page": screening.url,
        }

        def page(url):
            def get():
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{url}: {response.status_code}")
                return response.content

            return get

        def feed(drop):
            def get():
                drop()
                body = page("/calendar.ics")()
                if body.count(b"BEGIN:VEVENT") != args.sessions:
                    raise SystemExit(f"the feed holds {body.count(b'BEGIN:VEVENT')} events")
                return body

            return get

        cases = {name: page(url) for name, url in urls.items()}
        cases["feed (stored VEVENTs)"] = feed(invalidate_feeds)
        cases["feed (from scratch)"] = feed(cache.clear)
        print(
            f"{args.sessions} sessions, median of {args.repeat} warm requests, "
            f"fragments kept {args.fragment_seconds} s"
        )
        for name, get in cases.items():
            wall, cpu = measure(get, args.repeat)
            with CaptureQueriesContext(connection) as queries:
                get()
            print(
                f"{name:<22} wall={wall:7.1f} ms  cpu={cpu:7.1f} ms  "
                f"queries={len(queries.captured_queries)}"
            )


if __name__ == "__main__":
    main()
