"""Production settings come from the environment: a realistic one passes Django's deploy
check with nothing to report, and anything missing or malformed stops the start with a
message naming the variable."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# What an operator sets on a real machine (docs/deploy.md); nothing else is inherited.
PRODUCTION_ENV = {
    "SECRET_KEY": "k3v9-Q2x_7LmN0pRtZ8wYb4cHs6dFj1gUa5eIo2uT7yX9zC3vB8nM4qW6rE0",
    "ALLOWED_HOSTS": "fabrique.example,www.fabrique.example",
    "CSRF_TRUSTED_ORIGINS": "https://fabrique.example,https://www.fabrique.example",
    "DATABASE_URL": "postgres://fabrique:secret@127.0.0.1:5432/fabrique",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DEFAULT_FROM_EMAIL": "Fabrique <bonjour@fabrique.example>",
    "EMAIL_HOST": "smtp.fabrique.example",
    "EMAIL_PORT": "587",
    "EMAIL_HOST_USER": "bonjour@fabrique.example",
    "EMAIL_HOST_PASSWORD": "mail-secret",
    "EMAIL_USE_TLS": "true",
    "MEDIA_ROOT": "/srv/fabrique/media",
}
# Settings read back from the configured process.
SHOW = """
import json
from django.conf import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "cache": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"].get("LOCATION"),
    "session_engine": s.SESSION_ENGINE,
    "database": s.DATABASES["default"]["ENGINE"],
    "email": [s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL],
    "media": s.STORAGES["default"]["BACKEND"],
    "log_format": s.LOGGING["handlers"]["stdout"]["formatter"],
    "admin_url": s.WAGTAILADMIN_BASE_URL,
    "tasks": s.TASKS["default"]["BACKEND"],
}))
"""


def production_env(**changes) -> dict:
    """The realistic environment with ``changes`` (None removes a variable)."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="fabrique.settings.production")
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_with(*args: str, code: str = SHOW, **changes) -> subprocess.CompletedProcess:
    """Load the production settings in a fresh process (``python -c code``, or
    ``manage.py args``) in the realistic environment changed by ``changes``."""
    command = [sys.executable, "manage.py", *args] if args else [sys.executable, "-c", code]
    return subprocess.run(
        command,
        cwd=BASE_DIR,
        env=production_env(**changes),
        capture_output=True,
        text=True,
        timeout=180,
    )


def loaded(**changes) -> dict:
    result = run_with(**changes)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_realistic_production_environment_passes_the_deploy_check_with_nothing_to_say():
    result = run_with("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_takes_everything_from_the_environment():
    values = loaded()

    assert values["DEBUG"] is False
    assert values["database"] == "django.db.backends.postgresql"
    assert values["cache"] == "django_redis.cache.RedisCache"
    assert values["cache_location"] == "redis://127.0.0.1:6379/0"
    assert values["session_engine"] == "django.contrib.sessions.backends.cached_db"
    assert values["email"] == ["smtp.fabrique.example", 587, True, False]
    assert values["media"] == "django.core.files.storage.FileSystemStorage"
    assert values["log_format"] == "json"
    assert values["admin_url"] == "https://fabrique.example"
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"


def test_an_s3_bucket_serves_media_at_stable_urls_on_the_custom_domain():
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.url('images/a b.jpg'))"
    )
    result = run_with(
        code=code,
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="fabrique-media",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
        AWS_S3_REGION_NAME="fr-par",
        AWS_ACCESS_KEY_ID="AKEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_S3_CUSTOM_DOMAIN="fabrique.example",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "fabrique-media",
        "https://s3.fr-par.scw.cloud",
        "https://fabrique.example/media/images/a%20b.jpg",
    ]


def test_sqlite_is_refused_in_production_unless_asked_for():
    refused = run_with(DATABASE_URL="sqlite:////srv/fabrique/db.sqlite3")
    allowed = loaded(DATABASE_URL="sqlite:////srv/fabrique/db.sqlite3", ALLOW_SQLITE="true")

    assert refused.returncode != 0
    assert "DATABASE_URL points at SQLite" in refused.stderr
    assert "ALLOW_SQLITE=true" in refused.stderr
    assert allowed["database"] == "django.db.backends.sqlite3"


def test_json_logs_can_be_turned_back_to_text():
    assert loaded(LOG_FORMAT="text")["log_format"] == "text"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": ""}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "x" * 60}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": "short-Secret-1"}, "SECRET_KEY is too weak"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS is not set"),
        ({"CSRF_TRUSTED_ORIGINS": "fabrique.example"}, "CSRF_TRUSTED_ORIGINS is malformed"),
        ({"DATABASE_URL": None}, "DATABASE_URL is not set"),
        ({"DATABASE_URL": "mysql://u@db/fabrique"}, "expected a URL starting with postgres://"),
        ({"REDIS_URL": None}, "REDIS_URL is not set"),
        ({"REDIS_URL": "127.0.0.1:6379"}, "REDIS_URL is malformed: expected a URL starting"),
        ({"REDIS_URL": "http://127.0.0.1:6379"}, "REDIS_URL is malformed"),
        ({"ALLOWED_HOSTS": "*"}, "WAGTAILADMIN_BASE_URL is not set, and the first"),
        ({"WAGTAILADMIN_BASE_URL": "fabrique.example"}, "WAGTAILADMIN_BASE_URL is malformed"),
        ({"DEFAULT_FROM_EMAIL": None}, "DEFAULT_FROM_EMAIL is not set"),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT is malformed: 'smtp' is not a whole number"),
        ({"EMAIL_PORT": "0"}, "EMAIL_PORT is malformed: 0 is below 1"),
        ({"EMAIL_USE_TLS": "maybe"}, "EMAIL_USE_TLS is malformed: 'maybe' is not a yes/no"),
        ({"EMAIL_USE_SSL": "true"}, "EMAIL_USE_TLS and EMAIL_USE_SSL are both on"),
        ({"EMAIL_HOST_PASSWORD": None}, "EMAIL_HOST_USER and EMAIL_HOST_PASSWORD go together"),
        ({"EMAIL_TIMEOUT": "10s"}, "EMAIL_TIMEOUT is malformed"),
        ({"HEALTHZ_MAX_TASK_AGE": "15 minutes"}, "HEALTHZ_MAX_TASK_AGE is malformed"),
        ({"DONATION_MAX_AMOUNT": "lots"}, "DONATION_MAX_AMOUNT is malformed"),
        ({"STRIPE_PUBLISHABLE_KEY": "sk_live_x"}, "STRIPE_PUBLISHABLE_KEY is malformed"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT is malformed: 'xml' is not one of text, json"),
        ({"TRUSTED_PROXIES": "nginx"}, "TRUSTED_PROXIES is malformed: 'nginx' is not an"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE is malformed"),
        ({"MEDIA_STORAGE": "s3"}, "AWS_STORAGE_BUCKET_NAME is not set"),
        (
            {"MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "b", "AWS_ACCESS_KEY_ID": "AK"},
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together",
        ),
        (
            {"MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_ENDPOINT_URL": "s3"},
            "AWS_S3_ENDPOINT_URL is malformed",
        ),
        (
            {
                "MEDIA_STORAGE": "s3",
                "AWS_STORAGE_BUCKET_NAME": "b",
                "AWS_S3_CUSTOM_DOMAIN": "https://cdn.example",
            },
            "AWS_S3_CUSTOM_DOMAIN is malformed",
        ),
    ],
)
def test_anything_missing_or_malformed_stops_the_start_with_a_clear_message(changes, message):
    result = run_with(**changes)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


LOG_A_LINE = (
    "import django, logging; django.setup();"
    "logging.getLogger('events.services').warning('Booking refused: %s', 'full')"
)


def test_production_logs_one_json_object_a_line_on_stdout():
    result = run_with(code=LOG_A_LINE)

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout.strip())
    assert line["level"] == "WARNING" and line["logger"] == "events.services"
    assert line["message"] == "Booking refused: full"
    assert line["request_id"] == "-"


def test_development_logs_stay_readable_lines():
    result = run_with(code=LOG_A_LINE, DJANGO_SETTINGS_MODULE="fabrique.settings.dev")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("WARNING events.services [-] Booking refused: full")


def test_a_value_starting_with_a_dollar_is_taken_as_it_is():
    # django-environ alone would read "$HOME-x" as a reference to the variable HOME.
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS)"
    )
    result = run_with(code=code, EMAIL_HOST_PASSWORD="$HOME-x", EMAIL_USE_TLS="yes")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["$HOME-x", "True"]
