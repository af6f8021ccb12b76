"""Settings of the worker processes that tests/home/test_mail_worker_killed.py starts and
kills: the test settings, with the database queue (DATABASE_URL: a copy of the test
database) and SMTP to the test's own server."""

import os

from fabrique.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["TEST_SMTP_PORT"])
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
# Longer than any stall of the test's server: only the kill ends the first exchange.
EMAIL_TIMEOUT = 120
TASK_TIMEOUT = int(os.environ["TASK_TIMEOUT"])
