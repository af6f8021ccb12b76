"""Lighthouse on every page type, in French and English, with the site served as in
production.

    .venv/bin/python -m bench.lighthouse [--lighthouse PATH] [--runs 3] [--only home-fr]

Run by hand, never in the suite; results go to docs/benchmarks.md. Needs Lighthouse
12.2.3 outside the repository (``cd /tmp/lh && npm i -E lighthouse@12.2.3``; the path
of its ``node_modules/.bin/lighthouse`` in ``--lighthouse`` or ``LIGHTHOUSE``) and
Debian's chromium (``CHROME_PATH``, /usr/bin/chromium by default).

1. Builds a throwaway PostgreSQL database (``fabrique_lighthouse`` or ``--database``,
   dropped first),
   migrates it and seeds the demo site with its address set to the front below (so the
   absolute links, hreflang and canonical ones, point where Lighthouse looks); collects
   the static files for production (hashed, compressed); starts a redis-server of its
   own for the cache.
2. Serves it as in production: gunicorn with ``gunicorn.conf.py`` and the production
   settings over plain HTTP (``bench/load_settings.py``, page cache on), behind a small
   front that does what deploy/nginx/fabrique.conf does for a visitor: serves /media/
   from disk with its 30-day expiry, gzips text answers of 1 KiB or more, and passes the
   rest to gunicorn (static files: whitenoise's compressed copies, cached forever).
3. Runs Lighthouse's default mobile profile (Moto G-class device, simulated slow 4G) on
   one page of each type and language, ``--runs`` times each (median performance run
   kept), and prints a Markdown table: scores, layout shift, largest paint.
4. Exits non-zero if a page misses a target: accessibility, best practices and SEO
   100, CLS ≤ 0.02, performance ≥ 95. A page of search results is exempt from SEO's
   "is crawlable" audit, and from it alone: robots.txt keeps crawlers off results and
   they say noindex, on purpose; the search form itself (``/search/``) meets every target.
"""

import argparse
import gzip
import http.client
import http.server
import json
import mimetypes
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench.stack import (
    ROOT,
    SERVER_URL,
    free_port,
    fresh_database,
    seed_demo,
    shell,
    start_gunicorn,
    stop,
)

DB_NAME = "fabrique_lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 100, "performance": 95}
CLS_TARGET = 0.02
GZIP_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
)

# Printed by ``manage.py shell``: one live public page per page type and language.
FIND_PAGES = """
import json
from urllib.parse import urlsplit
from wagtail.models import Page
chosen = {}
pages = Page.objects.live().public().exclude(depth=1).select_related("locale", "content_type")
for page in pages.order_by("path"):
    key = page.content_type.model.removesuffix("page") + "-" + page.locale.language_code
    url = page.get_url()
    if key not in chosen and url:
        chosen[key] = urlsplit(url).path
print("PAGES " + json.dumps(chosen, separators=(",", ":")))
"""


def find_pages(env: dict) -> dict[str, str]:
    words = shell(FIND_PAGES, env)
    pages = json.loads(words[words.index("PAGES") + 1])
    # The search form, which robots may index, and a page of its results, which they may not.
    pages["search-fr"] = "/search/"
    pages["search-en"] = "/en/search/"
    pages["searchresults-fr"] = "/search/?q=usine"
    pages["searchresults-en"] = "/en/search/?q=factory"
    return dict(sorted(pages.items()))


class Front(http.server.ThreadingHTTPServer):
    """What nginx does in front of gunicorn, for one visitor on loopback."""

    daemon_threads = True

    def __init__(self, port: int, upstream: str, media_root: Path):
        self.upstream = urlsplit(upstream)
        self.media_root = media_root.resolve()
        super().__init__(("127.0.0.1", port), FrontHandler)


class FrontHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Front

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/media/"):
            self.send_media()
        else:
            self.pass_on()

    def do_HEAD(self) -> None:
        self.do_GET()

    def send_media(self) -> None:
        relative = urlsplit(self.path).path.removeprefix("/media/")
        path = (self.server.media_root / relative).resolve()
        if self.server.media_root not in path.parents or not path.is_file():
            self.answer(404, {"Content-Type": "text/plain"}, b"not found")
            return
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        headers = {
            "Content-Type": kind,
            "Cache-Control": "max-age=2592000, public",
            "X-Content-Type-Options": "nosniff",
        }
        self.answer(200, headers, body)

    def pass_on(self) -> None:
        upstream = http.client.HTTPConnection(
            self.server.upstream.hostname, self.server.upstream.port, timeout=60
        )
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        headers["X-Forwarded-Proto"] = "http"
        try:
            upstream.request(self.command, self.path, headers=headers)
            response = upstream.getresponse()
            body = response.read()
            out = {
                k: v
                for k, v in response.getheaders()
                if k.lower() not in ("connection", "transfer-encoding", "content-length")
            }
        finally:
            upstream.close()
        kind = out.get("Content-Type", "")
        if (
            len(body) >= 1024
            and "gzip" in self.headers.get("Accept-Encoding", "")
            and "Content-Encoding" not in out
            and kind.startswith(GZIP_TYPES)
        ):
            body = gzip.compress(body, compresslevel=6)
            out["Content-Encoding"] = "gzip"
            out["Vary"] = ", ".join(filter(None, (out.get("Vary"), "Accept-Encoding")))
        self.answer(response.status, out, body)

    def answer(self, status: int, headers: dict, body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        try:
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            # The browser gave up on it (a video it will not play, a page left): as nginx.
            self.close_connection = True


def lighthouse(binary: str, url: str, report: Path) -> dict:
    """One Lighthouse run (mobile profile); its report. Lighthouse sometimes fails to
    record a trace on a loaded machine (NO_NAVSTART): such a run is tried again."""
    for attempt in range(3):
        try:
            return lighthouse_once(binary, url, report)
        except subprocess.CalledProcessError:
            if attempt == 2:
                raise
            print(f"{url}: Lighthouse failed, trying again", file=sys.stderr)


def lighthouse_once(binary: str, url: str, report: Path) -> dict:
    subprocess.run(
        [
            binary,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    return json.loads(report.read_text(encoding="utf-8"))


def figures(report: dict) -> dict:
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    audits = report["audits"]
    failed = [
        key
        for name in CATEGORIES[1:]
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] and (audits[(key := ref["id"])].get("score") or 0) < 1
    ]
    return {
        **scores,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "failed": failed,
    }


def misses(name: str, row: dict) -> list[str]:
    found = [f"{key} {row[key]}" for key, target in TARGETS.items() if row[key] < target]
    if name.startswith("searchresults-"):
        # Disallowed in robots.txt and noindex on purpose: only that audit is forgiven.
        found = [m for m in found if not m.startswith("seo") or row["failed"] != ["is-crawlable"]]
    if row["cls"] > CLS_TARGET:
        found.append(f"CLS {row['cls']:.3f}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--lighthouse",
        default=os.environ.get("LIGHTHOUSE", "/tmp/lighthouse/node_modules/.bin/lighthouse"),
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="page names, like home-fr screening-en")
    parser.add_argument("--reports", help="keep the JSON reports in this folder")
    parser.add_argument(
        "--database",
        default=DB_NAME,
        help=f"the throwaway PostgreSQL database (dropped first; {DB_NAME} by default)",
    )
    parser.add_argument(
        "--reuse",
        metavar="WORKDIR",
        help="the work folder of an earlier run made with --reports (kept): its database,"
        " static files, media and address are used again, without seeding",
    )
    args = parser.parse_args()
    if not Path(args.lighthouse).exists():
        raise SystemExit(f"no Lighthouse at {args.lighthouse}: npm i -E lighthouse@12.2.3")

    workdir = Path(args.reuse or tempfile.mkdtemp(prefix="fabrique-lighthouse-"))
    reports = Path(args.reports) if args.reports else workdir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    port_file = workdir / "front-port"
    port = int(port_file.read_text()) if args.reuse else free_port()
    port_file.write_text(str(port))
    front_url = f"http://127.0.0.1:{port}"
    redis_port = free_port()
    redis_server = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    env = {
        **os.environ,
        "DATABASE_URL": (
            SERVER_URL + args.database if args.reuse else fresh_database(args.database)
        ),
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "DJANGO_SETTINGS_MODULE": "bench.load_settings",
        "BENCH_STATIC_ROOT": str(workdir / "static"),
        "BENCH_PAGE_CACHE": "1",
        "MEDIA_ROOT": str(workdir / "media"),
        "WAGTAILADMIN_BASE_URL": front_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(ROOT),
    }
    dev = {**env, "DJANGO_SETTINGS_MODULE": "fabrique.settings.dev"}
    server = front = None
    try:
        if not args.reuse:
            print(f"Preparing {args.database}: migrate, seed_demo, collectstatic…", file=sys.stderr)
            seed_demo(env)
        pages = find_pages(dev)
        if args.only:
            pages = {name: path for name, path in pages.items() if name in args.only}
        server, upstream = start_gunicorn(env, workers=2, threads=4)
        front = Front(port, upstream, workdir / "media")
        threading.Thread(target=front.serve_forever, daemon=True).start()
        rows = {}
        for name, path in pages.items():
            url = front_url + path
            # Warm the page cache and the renditions, as a visitor before would have.
            for _ in range(2):
                http_get(url)
            runs = [
                figures(lighthouse(args.lighthouse, url, reports / f"{name}-{i}.json"))
                for i in range(args.runs)
            ]
            median = statistics.median_low(r["performance"] for r in runs)
            rows[name] = next(r for r in runs if r["performance"] == median) | {"path": path}
            print(f"{name}: {rows[name]}", file=sys.stderr)
    finally:
        if front:
            front.shutdown()
        if server:
            stop(server)
        redis_server.terminate()
        if not args.reports and not args.reuse:
            shutil.rmtree(workdir, ignore_errors=True)

    # Lighthouse's CPU figures (blocking time) grow with whatever else the machine runs.
    print(f"Load average at the end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    print("| page | path | perf. | a11y | best pr. | SEO | CLS | LCP (ms) | TBT (ms) |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    failed = []
    for name, row in rows.items():
        print(
            f"| {name} | `{row['path']}` | {row['performance']} | {row['accessibility']} "
            f"| {row['best-practices']} | {row['seo']} | {row['cls']:.3f} "
            f"| {row['lcp']:.0f} | {row['tbt']:.0f} |"
        )
        if found := misses(name, row):
            failed.append(f"{name}: {', '.join(found)} (failed audits: {row['failed']})")
    print("\n".join(["", *failed]) if failed else "\nAll targets met.")
    return 1 if failed else 0


def http_get(url: str) -> None:
    parts = urlsplit(url)
    for _ in range(50):
        try:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.2)


if __name__ == "__main__":
    sys.exit(main())
