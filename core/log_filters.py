"""Logging filters of our own.

When Redis stops, django-redis logs every cache call it gave up on, with a traceback: a
busy site would write hundreds of those a second, burying what else the log says and
filling the journal. ``OncePerInterval`` lets the first through with its traceback, then
one a minute per process saying how many it held back, until Redis answers again.
"""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """Pass one record per ``seconds``; the next one passed says how many were dropped."""

    def __init__(self, seconds: float = 60, clock=time.monotonic):
        super().__init__()
        self.seconds = seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._last = None  # clock() when the last record was let through
        self._dropped = 0

    def reset(self) -> None:
        """Forget what was let through and held back: the next record passes."""
        with self._lock:
            self._last, self._dropped = None, 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = self.clock()
        with self._lock:
            if self._last is not None and now - self._last < self.seconds:
                self._dropped += 1
                return False
            dropped, self._dropped, self._last = self._dropped, 0, now
        if dropped:
            record.msg = f"{record.msg} (and {dropped} more like it in the last {self.seconds:g} s)"
            # The traceback was written with the first one: the same failure, repeated.
            record.exc_info = None
            record.exc_text = None
        return True
