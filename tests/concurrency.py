"""What the concurrency tests share: they need PostgreSQL (row locks, one connection
per thread) and a real, committed database."""

import pytest
from django.db import connection

POSTGRES_ONLY = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs PostgreSQL: set DATABASE_URL=postgres://... (CI does)",
    ),
    # serialized_rollback: the data migrations made is back for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
