"""The moment a write that decides on places has read them and not yet written.

Two writers that both reach this point with the same count would both decide on it: the
lock each service takes before reading is what keeps them apart. The services call
``between_read_and_write`` there; it does nothing. The concurrency tests replace it to
hold every writer there at once (without the lock, the race is then certain) or to
count who is inside together (with the lock, never more than one); they also count the
calls, so a service that stops passing here fails them instead of racing by chance.
"""


def between_read_and_write(scope: str) -> None:
    """``scope`` names the write: "booking", "registration", "application"."""
