"""The programme is announced: everybody opens the site at once.

    .venv/bin/python -m bench.load [--clients 50] [--seconds 15] [--workers 5]

Run by hand on a quiet machine, never in the suite; results go to docs/benchmarks.md.
Needs ``wrk`` (``apt-get install wrk``): a load generator in C, so that the client's
own cost stays small beside the server's on a machine where they share the cores.

1. Builds a throwaway PostgreSQL database (``fabrique_load``, dropped first), migrates
   it and seeds the demo site; Redis database 13 on 127.0.0.1 is the cache (flushed).
2. Starts gunicorn with production settings over plain HTTP (``bench/load_settings.py``)
   twice: once with the page cache off, once with it on.
3. For each URL (home, programme, a screening page, a resident page, /calendar.ics) and
   for a static file served by the same stack (whitenoise: the ceiling), ``wrk`` holds
   ``--clients`` connections busy for ``--seconds`` and reports requests per second and
   p50/p95/p99 latency. Each URL's throughput is then divided by the static file's.
4. The rush (``--rush``, cache on, ``bench/rush_settings.py``: the booking rate limit
   off): while ``wrk`` reads the screening page on ``--clients`` connections for
   ``--seconds``, ``--visitors`` visitors open it and book its first offered session
   (``--places`` places) at once, as ``bench/booking_rush.py`` does. Reports the page's
   throughput and p50/p99 during the rush, the pages built (``X-Page-Cache: miss``, wrk's
   and the visitors'), the bookings confirmed and waitlisted.
5. Exits non-zero if any request failed or answered other than 200 (302 for a booking).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import redis
import requests

from bench import booking_rush
from bench.stack import ROOT, fresh_database, seed_demo, shell, start_gunicorn, stop

DB_NAME = "fabrique_load"
REDIS_URL = "redis://127.0.0.1:6379/13"

# wrk calls done() once at the end: print one JSON line the script reads back.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "errors": %d, "p50": %d, "p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""

# For the rush: wrk also counts the answers the server built rather than took from the
# page cache (each thread counts its own; done() adds them up).
WRK_RUSH_REPORT = """
builds = 0
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end
function response(status, headers, body)
  if headers["X-Page-Cache"] == "miss" then
    builds = builds + 1
  end
end
done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("builds")
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "errors": %d, "p50": %d, "p95": %d, "p99": %d, '
      .. '"builds": %d}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), total))
end
"""

FIND_URLS = """
from events.models import ScreeningPage
from residents.models import ResidentPage
for model in (ScreeningPage, ResidentPage):
    page = model.objects.filter(locale__language_code="fr").live().order_by("pk").first()
    print(page.url_path)
"""


def public_path(url_path: str) -> str:
    """The tree's "/home/programme/x/" is "/programme/x/" on the site."""
    return "/" + url_path.strip("/").split("/", 1)[1] + "/"


def static_path(base: str) -> str:
    """The hashed URL of the site's stylesheet, as the home page links it."""
    home = requests.get(base + "/", timeout=30).text
    return re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home).group(1)


def measure(url: str, *, clients: int, seconds: int, script: str) -> dict:
    threads = min(clients, 2)
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{clients}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            script,
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    report = json.loads(output.strip().splitlines()[-1])
    report["per_second"] = report["requests"] / report["seconds"]
    return report


def run_pass(env: dict, targets: dict, args, script: str) -> dict:
    redis.Redis.from_url(REDIS_URL).flushdb()
    process, base = start_gunicorn(env, workers=args.workers, threads=args.threads)
    try:
        targets = {"static file": static_path(base), **targets}
        results = {}
        for name, path in targets.items():
            # One warm-up request: the first hit fills the cache (or the worker's imports).
            # It also waits out the requests of the previous URL still queued when wrk
            # stopped.
            assert requests.get(base + path, timeout=300).status_code == 200, path
            results[name] = measure(
                base + path, clients=args.clients, seconds=args.seconds, script=script
            )
            results[name]["path"] = path
        return results
    finally:
        stop(process)


def run_rush(env: dict, args, script: str) -> bool:
    """Readers on the screening page while the visitors book it; True if all went well."""
    rush_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.rush_settings"}
    dev = {**env, "DJANGO_SETTINGS_MODULE": "fabrique.settings.dev"}
    setup = booking_rush.SETUP.format(places=args.places)
    url_path, session_pk, session_uid = shell(setup, dev)[-3:]
    path = public_path(url_path)
    redis.Redis.from_url(REDIS_URL).flushdb()
    process, base = start_gunicorn(rush_env, workers=args.workers, threads=args.threads)
    try:
        assert requests.get(base + path, timeout=300).status_code == 200, path
        reading = {}
        reader = threading.Thread(
            target=lambda: reading.update(
                measure(base + path, clients=args.clients, seconds=args.seconds, script=script)
            )
        )
        reader.start()
        time.sleep(2)  # the readers are at full speed when the visitors arrive
        booking = booking_rush.rush([base], path, session_uid, args.visitors)
        reader.join()
    finally:
        stop(process)
    found = booking_rush.counts(env["DATABASE_URL"], int(session_pk))
    print(f"\nrush: {args.visitors} visitors book {path} ({args.places} places) while wrk reads it")
    print(
        f"page during the rush: {reading['per_second']:.1f} req/s, p50 "
        f"{reading['p50'] / 1000:.1f} ms, p99 {reading['p99'] / 1000:.1f} ms, "
        f"{reading['errors']} errors over {reading['seconds']:.1f} s"
    )
    print(
        f"pages built: {reading['builds']} of wrk's {reading['requests']} answers, "
        f"{booking.page_builds} of the visitors' {args.visitors}"
    )
    print(
        f"bookings: {found.confirmed_seats} seats confirmed, {found.waitlisted} waitlisted, "
        f"{len(booking.errors)} errors, {booking.per_second:.1f} posts/s, p99 "
        f"{booking.percentile(99) * 1000:.0f} ms"
    )
    for error in sorted(set(booking.errors))[:5]:
        print(f"    {error}")
    return (
        reading["errors"] == 0
        and not booking.errors
        and found.confirmed_seats == args.places
        and found.waitlisted == args.visitors - args.places
    )


def print_table(title: str, results: dict) -> bool:
    ceiling = results["static file"]["per_second"]
    print(f"\n{title}")
    print(f"{'URL':<38} {'req/s':>8} {'p50':>8} {'p95':>8} {'p99':>8} {'errors':>7} {'ratio':>6}")
    ok = True
    for name, r in results.items():
        ok = ok and r["errors"] == 0
        print(
            f"{name + ' ' + r['path']:<38.38} {r['per_second']:>8.1f} "
            f"{r['p50'] / 1000:>6.1f}ms {r['p95'] / 1000:>6.1f}ms {r['p99'] / 1000:>6.1f}ms "
            f"{r['errors']:>7} {r['per_second'] / ceiling:>6.3f}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rush", action="store_true", help="also the booking rush pass")
    parser.add_argument("--rush-only", action="store_true", help="only the rush pass")
    parser.add_argument("--visitors", type=int, default=300)
    parser.add_argument("--places", type=int, default=80)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")

    static_root = tempfile.mkdtemp(prefix="fabrique-load-static-")
    script = Path(static_root) / "report.lua"
    script.write_text(WRK_REPORT)
    rush_script = Path(static_root) / "rush.lua"
    rush_script.write_text(WRK_RUSH_REPORT)
    env = {
        **os.environ,
        "DATABASE_URL": fresh_database(DB_NAME),
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "BENCH_STATIC_ROOT": static_root,
        "PYTHONPATH": str(ROOT),
    }
    print(f"Preparing {DB_NAME}: migrate, seed_demo, collectstatic…")
    seed_demo(env)
    screening, resident = shell(
        FIND_URLS, {**env, "DJANGO_SETTINGS_MODULE": "fabrique.settings.dev"}
    )[-2:]
    targets = {
        "home": "/",
        "programme": "/programme/",
        "screening": public_path(screening),
        "resident": public_path(resident),
        "calendar": "/calendar.ics",
    }
    print(
        f"gunicorn: {args.workers} workers × {args.threads} threads; wrk: {args.clients} "
        f"connections, {args.seconds} s per URL"
    )
    ok = True
    try:
        for cache in () if args.rush_only else ("off", "on"):
            results = run_pass(
                {**env, "BENCH_PAGE_CACHE": "1" if cache == "on" else "0"},
                targets,
                args,
                str(script),
            )
            ok = print_table(f"page cache {cache}", results) and ok
        if args.rush or args.rush_only:
            ok = run_rush(env, args, str(rush_script)) and ok
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    print("\nOK" if ok else "\nFAILED: some requests failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
