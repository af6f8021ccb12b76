"""A worker killed in the middle of sending an email (SIGKILL: as the OOM killer or a
power cut would) loses no email, and a worker that takes its task back sends no second
copy. Real worker processes (``manage.py db_worker``) on a copy of the test database,
a real SMTP server that stalls where the test needs the worker to die."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.mail import EmailMessage
from django.db import connection

from tests.browser.demo_server import REPO_ROOT, manage
from tests.fabrique.served_site import copy_test_database, query
from tests.mail_server import MailServer, StallingInbox

# Sets up the test database, which the workers use a copy of.
pytestmark = pytest.mark.django_db

# Seconds a task may run before it counts as lost with its worker: short for the test.
TASK_TIMEOUT = 3
GREETING = "tests.core.test_mail_worker_killed.greeting"


def greeting(*, name: str) -> EmailMessage:
    return EmailMessage(f"Hello {name}", "See you on Wednesday.", to=[address(name)])


def address(name: str) -> str:
    return f"{name}@example.org"


@pytest.fixture(scope="module")
def database_url(django_db_setup, django_db_blocker, tmp_path_factory):
    """A copy of the test database that worker processes can open (SQLite: a file)."""
    workdir = tmp_path_factory.mktemp("killed-worker")
    with django_db_blocker.unblock(), copy_test_database(connection, workdir) as url:
        yield url


class Workers:
    """Worker processes on the copied database, sending to ``server``."""

    def __init__(self, database_url: str, server: MailServer, logdir: Path):
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(logdir),
            "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "tests.core.worker_settings",
            "DATABASE_URL": database_url,
            "TEST_SMTP_PORT": str(server.port),
            "TASK_TIMEOUT": str(TASK_TIMEOUT),
        }
        self.database_url = database_url
        self.logdir = logdir
        self.processes: list[subprocess.Popen] = []

    def queue_email(self, name: str) -> str:
        """Queue the greeting to ``name`` as the site does (``send_later``); its task id."""
        code = f"from core.mail import send_later; send_later({GREETING!r}, name={name!r})"
        manage("shell", "-c", code, env=self.env)
        rows = query(
            self.database_url,
            "SELECT id, args_kwargs FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
            ("core.mail.deliver",),
        )
        [task_id] = [
            task_id
            for task_id, args in rows
            if loaded(self.database_url, args)["kwargs"]["kwargs"] == {"name": name}
        ]
        return task_id

    def start(self, worker_id: str) -> subprocess.Popen:
        """``manage.py db_worker`` as the systemd unit runs it, until it is stopped."""
        log = (self.logdir / f"{worker_id}.log").open("ab")
        process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload"]
            + ["--no-startup-delay", "--interval", "0.2", "--worker-id", worker_id],
            cwd=REPO_ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes.append(process)
        return process

    def run_batch(self, worker_id: str) -> None:
        """A worker that runs whatever is due, then exits."""
        manage("db_worker", "--batch", "--no-startup-delay", "--worker-id", worker_id, env=self.env)

    def log(self, worker_id: str) -> str:
        path = self.logdir / f"{worker_id}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL


def loaded(database_url: str, value):
    """A JSON column as read: text on SQLite, already decoded on PostgreSQL."""
    if value is None or not database_url.startswith("sqlite"):
        return value
    return json.loads(value)


def task_row(database_url: str, task_id) -> dict:
    [(status, args_kwargs, worker_ids, return_value)] = query(
        database_url,
        "SELECT status, args_kwargs, worker_ids, return_value "
        "FROM django_tasks_database_dbtaskresult WHERE id = %s",
        (task_id,),
    )

    return {
        "status": status,
        "kwargs": loaded(database_url, args_kwargs)["kwargs"],
        "worker_ids": loaded(database_url, worker_ids),
        "return_value": loaded(database_url, return_value),
    }


def wait_for(condition, what: str, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"still waiting for {what} after {timeout} s")
        time.sleep(0.1)
    return result


def smtp_server(stage: str):
    server = MailServer(inbox=StallingInbox(stage))
    server.start()
    return server


@pytest.fixture
def stalling_at_data():
    server = smtp_server("DATA")
    yield server
    server.inbox.released.set()
    server.stop()


@pytest.fixture
def stalling_at_quit():
    server = smtp_server("QUIT")
    yield server
    server.inbox.released.set()
    server.stop()


def test_an_email_whose_worker_is_killed_mid_send_is_sent_once_by_the_next_worker(
    database_url, stalling_at_data, tmp_path
):
    server = stalling_at_data
    workers = Workers(database_url, server, tmp_path)
    try:
        task_id = workers.queue_email("ana")
        first = workers.start("first")
        assert server.inbox.stalled.wait(120), workers.log("first")

        # The worker is in the middle of the SMTP exchange: the server has the message
        # but has not answered. It dies there.
        sending = task_row(database_url, task_id)
        assert sending["status"] == "RUNNING"
        assert sending["kwargs"]["message_id"], "the Message-ID is recorded before sending"
        assert "sent_at" not in sending["kwargs"]
        kill(first)
        assert server.inbox.messages_to(address("ana")) == []

        # A worker running now takes the task back once TASK_TIMEOUT has passed.
        workers.start("second")
        [received] = server.inbox.wait_for(address("ana"), timeout=120)
        done = wait_for(
            lambda: (row := task_row(database_url, task_id))["status"] == "SUCCESSFUL" and row,
            "the task to be marked done",
        )
    finally:
        workers.stop_all()

    assert len(server.inbox.messages_to(address("ana"))) == 1
    assert received["Subject"] == "Hello ana"
    assert received["Message-ID"] == sending["kwargs"]["message_id"]
    assert done["worker_ids"] == ["first", "second"]
    assert done["return_value"] == "sent"


def test_a_worker_killed_after_the_server_took_the_email_causes_no_second_copy(
    database_url, stalling_at_quit, tmp_path
):
    server = stalling_at_quit
    workers = Workers(database_url, server, tmp_path)
    try:
        task_id = workers.queue_email("bea")
        first = workers.start("first")
        assert server.inbox.stalled.wait(120), workers.log("first")

        # The server accepted the message and the worker wrote so; it dies before the
        # end of the exchange, so before the task is marked done.
        [received] = server.inbox.messages_to(address("bea"))
        accepted = task_row(database_url, task_id)
        assert accepted["status"] == "RUNNING"
        assert accepted["kwargs"]["sent_at"]
        kill(first)

        # A worker started after TASK_TIMEOUT (as after a reboot) takes it back.
        time.sleep(TASK_TIMEOUT + 1)
        workers.run_batch("after-reboot")
    finally:
        workers.stop_all()

    [only] = server.inbox.messages_to(address("bea"))
    assert only["Message-ID"] == received["Message-ID"] == accepted["kwargs"]["message_id"]
    done = task_row(database_url, task_id)
    assert done["status"] == "SUCCESSFUL"
    assert done["worker_ids"] == ["first", "after-reboot"]
    assert done["return_value"].startswith("already sent")
