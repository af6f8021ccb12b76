"""The test database of a parallel run: migrated once, copied by each worker.

Migrating is the slowest part of a worker's start (some 25 s of CPU), and every worker
would do the same. Instead the first worker that needs a database migrates a template
(an SQLite file in the run's folder, or a PostgreSQL database ``test_<name>_template``)
and each worker copies it into its own test database: ``sqlite3``'s backup into the
worker's in-memory database, or PostgreSQL's ``CREATE DATABASE ... TEMPLATE``. The data
the migrations made is serialized once with it, for the ``serialized_rollback`` tests.
"""

import fcntl
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections

from tests.workers import worker_id

ALIAS = "default"
TEMPLATE = "test-database"  # its folder in the run's shared folder


@contextmanager
def locked(shared: Path):
    with (shared / f"{TEMPLATE}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def template_name(shared: Path) -> str:
    connection = connections[ALIAS]
    if connection.vendor == "sqlite":
        return str(shared / TEMPLATE / "template.sqlite3")
    return connection.creation._get_test_db_name().removesuffix(f"_{worker_id()}") + "_template"


def set_database_name(name: str) -> None:
    """Point the connection at ``name`` as ``create_test_db`` does (settings included)."""
    connection = connections[ALIAS]
    connection.close()
    settings.DATABASES[ALIAS]["NAME"] = name
    connection.settings_dict["NAME"] = name


def migrate_template(shared: Path) -> None:
    """Migrate the template with Django's own ``create_test_db``, its data serialized
    beside it; the connection is left pointing where it was."""
    connection = connections[ALIAS]
    folder = shared / TEMPLATE
    folder.mkdir(exist_ok=True)
    old_name = connection.settings_dict["NAME"]
    test_settings = connection.settings_dict["TEST"]
    worker_name = test_settings.get("NAME")
    test_settings["NAME"] = template_name(shared)
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=True)
        (folder / "serialized.json").write_text(connection._test_serialized_contents)
    finally:
        test_settings["NAME"] = worker_name
        set_database_name(old_name)
    (folder / ".built").touch()


def copy_template(shared: Path) -> tuple:
    """The worker's test database, a copy of the template; the ``teardown_databases``
    entry that drops it at the end."""
    connection = connections[ALIAS]
    old_name = connection.settings_dict["NAME"]
    name = connection.creation._get_test_db_name()
    template = template_name(shared)
    if connection.vendor == "sqlite":
        if not connection.creation.is_in_memory_db(name):
            raise RuntimeError(f"{name}: only an in-memory SQLite test database is copied")
        set_database_name(name)
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        quote = connection.ops.quote_name
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
        set_database_name(name)
    serialized = shared / TEMPLATE / "serialized.json"
    connection._test_serialized_contents = serialized.read_text()
    return connection, old_name, True


def set_up_worker_database(shared: Path) -> list:
    """Migrate the template if no worker has yet, then copy it: under a lock, since a
    PostgreSQL template must have no session open while it is copied."""
    with locked(shared):
        if not (shared / TEMPLATE / ".built").exists():
            migrate_template(shared)
        return [copy_template(shared)]


def drop_template(shared: Path) -> None:
    """Drop the template once a worker is done. A worker that had not copied it yet
    (one that starts its first database test after another worker ended) migrates a
    new one: slower, never wrong."""
    with locked(shared):
        if (shared / TEMPLATE / ".built").exists():
            (shared / TEMPLATE / ".built").unlink()
            connections[ALIAS].creation._destroy_test_db(template_name(shared), verbosity=0)
