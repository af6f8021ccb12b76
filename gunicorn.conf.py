"""gunicorn settings for Fabrique: ``gunicorn --config gunicorn.conf.py fabrique.wsgi``.

Each value can be changed from the environment, so one file serves a machine behind
nginx, a platform that hands out ``PORT`` (the Procfile) and the tests:

- ``BIND`` (``127.0.0.1:8000``; ``0.0.0.0:$PORT`` when only ``PORT`` is set);
- ``WEB_CONCURRENCY`` worker processes (2 x cores + 1), ``GUNICORN_THREADS`` threads
  each (4): requests mostly wait on PostgreSQL and Redis, so threads are cheap
  concurrency; every thread may hold a database connection (see docs/deploy.md);
- ``GUNICORN_TIMEOUT`` seconds before a silent worker is replaced (30);
- ``GUNICORN_MAX_REQUESTS`` requests before a worker is replaced by a fresh one (50,000);
- ``GUNICORN_KEEPALIVE`` seconds an idle connection is kept open (75);
- ``FORWARDED_ALLOW_IPS``: the proxies whose X-Forwarded-* headers are believed
  (``127.0.0.1,::1``, nginx on the same machine; the load balancer's addresses otherwise).

The access log goes to stdout as one JSON object a line, like the application's logs,
with the request id nginx passes on (X-Request-ID), so journalctl or a log shipper can
join the two.
"""

import json
import multiprocessing
import os

from gunicorn.glogging import Logger

if os.environ.get("BIND"):
    bind = [address.strip() for address in os.environ["BIND"].split(",") if address.strip()]
elif os.environ.get("PORT"):
    bind = [f"0.0.0.0:{os.environ['PORT']}"]
else:
    bind = ["127.0.0.1:8000"]

workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request that takes longer than this is a bug or a stuck connection; the worker is
# killed and replaced. Uploads are buffered by nginx first, so they do not count here.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# A browser posts a form on the connection it loaded the page on, once the visitor has
# read it: a connection closed under it after a few seconds turned posts into resets
# (up to 20 of 300 in bench/booking_rush.py at 5 s). Longer than a visitor takes to fill
# in a form, as nginx's default for browsers (75 s); an idle connection costs a gthread
# worker no thread. Behind nginx, its upstream keepalive_timeout stays below this one
# (deploy/nginx/fabrique.conf), so nginx closes first and never sends on a closing one.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Recycle workers now and then, staggered, so slow memory growth never adds up. Not too
# often: a new worker imports Django and Wagtail again (about 2 s of a core), and with the
# page cache a worker serves hundreds of requests a second (bench/load.py: 2,000 made
# the workers spend a third of the machine starting up; see docs/benchmarks.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# gunicorn 27's control socket sits at one path per user ($HOME/.gunicorn/gunicorn.ctl):
# two servers on a machine (a second site, the tests, the benchmark) would fight over
# it, and the signals below (HUP, TERM, TTIN) do everything deploy.md needs.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Logs go to the journal: no need for gunicorn to prefix its own timestamps twice.
capture_output = False


class JsonAccessLogger(Logger):
    """One JSON object per request: fields escaped properly whatever the client sent,
    which gunicorn's printf-style access_log_format cannot promise."""

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        record = {
            "event": "access",
            "remote_addr": atoms["h"],
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"],
            "status": int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"],
            # Files sent with sendfile (whitenoise) leave "sent" at 0: their length then.
            "bytes": atoms["B"] or int(atoms.get("{content-length}o") or 0),
            "duration_ms": atoms["M"],
            "referer": atoms["f"],
            "user_agent": atoms["a"],
            "request_id": atoms.get("{x-request-id}i") or atoms.get("{x-request-id}o"),
        }
        self.access_log.info(json.dumps(record, ensure_ascii=False))


logger_class = JsonAccessLogger
