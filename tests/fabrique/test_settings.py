"""Production settings refuse to start without a secret key or host names."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CHECK = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def run_with(**environ):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="fabrique.settings.production", **environ)
    return subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with(ALLOWED_HOSTS="fabrique.example")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_an_empty_secret_key():
    result = run_with(SECRET_KEY="", ALLOWED_HOSTS="fabrique.example")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_with(SECRET_KEY="x" * 50)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_starts_with_a_secret_key_and_hosts_and_debug_off():
    result = run_with(SECRET_KEY="x" * 50, ALLOWED_HOSTS="fabrique.example")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
