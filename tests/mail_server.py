"""A real SMTP server for the tests: aiosmtpd on 127.0.0.1, stopped and started at will."""

import asyncio
import email
import socket
import threading
import time
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A local port nothing listens on (until someone binds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every message the server accepts."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages_to(self, address: str) -> list[EmailMessage]:
        return [
            email.message_from_bytes(envelope.content, policy=policy.default)
            for envelope in list(self.envelopes)
            if address in envelope.rcpt_tos
        ]

    def wait_for(self, address: str, count: int = 1, timeout: float = 20) -> list[EmailMessage]:
        """The messages to ``address`` once there are ``count`` of them (another
        process sends them); fails after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            received = self.messages_to(address)
            if len(received) >= count:
                return received
            if time.monotonic() > deadline:
                raise AssertionError(f"{count} email(s) to {address} expected, got {received}")
            time.sleep(0.1)


class StallingInbox(Inbox):
    """An inbox whose first exchange stalls at ``stage`` until ``released`` is set (or
    the client goes away): "DATA", before answering the end of the message, which it
    then does not keep (it was never accepted); "QUIT", after the message was accepted.
    ``stalled`` is set once the exchange is stalled; later exchanges go through."""

    def __init__(self, stage: str):
        super().__init__()
        self.stage = stage
        self.stalled = threading.Event()
        self.released = threading.Event()

    async def _stall(self) -> None:
        self.stalled.set()
        while not self.released.is_set():
            await asyncio.sleep(0.05)

    async def handle_DATA(self, server, session, envelope):
        if self.stage == "DATA" and not self.stalled.is_set():
            await self._stall()
            return "451 4.3.0 Try again later"
        return await super().handle_DATA(server, session, envelope)

    async def handle_QUIT(self, server, session, envelope):
        if self.stage == "QUIT" and not self.stalled.is_set():
            await self._stall()
        return "221 Bye"


class MailServer:
    """An SMTP server on a fixed local port, which can be stopped and started again."""

    def __init__(self, port: int | None = None, inbox: Inbox | None = None):
        self.port = port or free_port()
        self.inbox = inbox or Inbox()
        self.controller = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
