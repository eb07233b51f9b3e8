"""A local SMTP sink on loopback for the tests and the sending benchmark: an aiosmtpd server on
127.0.0.1 with a free port, recording each message it accepts (its Message-ID, recipients and
text), safe to read from another thread while it runs. Addresses given in ``reject`` are refused
at RCPT with a 550, as a real mail server refuses an unknown mailbox."""

import socket
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes, policy
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

HOST = "127.0.0.1"
#: How many free ports to try before giving up.
ATTEMPTS = 5


@dataclass(frozen=True)
class Received:
    """One message the sink accepted."""

    message_id: str
    recipients: tuple[str, ...]
    subject: str
    body: str


class SinkHandler:
    """The aiosmtpd handler: refuses the ``reject`` addresses and records everything else."""

    def __init__(self, reject: Iterable[str] = (), *, keep_text: bool = True) -> None:
        self.reject = {address.lower() for address in reject}
        self.keep_text = keep_text
        self._lock = threading.Lock()
        self._received: list[Received] = []

    async def handle_RCPT(  # noqa: N802 - the name aiosmtpd calls
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if address.lower() in self.reject:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - the name aiosmtpd calls
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        content = envelope.original_content or b""
        if self.keep_text:
            parsed = message_from_bytes(content, policy=policy.default)
            body = parsed.get_body(preferencelist=("plain",))
            received = Received(
                message_id=str(parsed.get("Message-ID", "")).strip(),
                recipients=tuple(envelope.rcpt_tos),
                subject=str(parsed.get("Subject", "")),
                body=body.get_content() if body is not None else "",
            )
        else:
            received = Received(
                message_id=_message_id(content),
                recipients=tuple(envelope.rcpt_tos),
                subject="",
                body="",
            )
        with self._lock:
            self._received.append(received)
        return "250 Message accepted for delivery"

    @property
    def received(self) -> list[Received]:
        """A copy of every message accepted so far, in the order they arrived."""
        with self._lock:
            return list(self._received)

    def count(self) -> int:
        """How many messages were accepted so far."""
        with self._lock:
            return len(self._received)

    def message_ids(self) -> Counter[str]:
        """How many times each Message-ID arrived."""
        with self._lock:
            return Counter(received.message_id for received in self._received)


def _message_id(content: bytes) -> str:
    """The Message-ID header, read without parsing the whole message (for the benchmark)."""
    head = content.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    for line in head.splitlines():
        name, _colon, value = line.partition(b":")
        if name.strip().lower() == b"message-id":
            return value.strip().decode("ascii", "replace")
    return ""


class Sink:
    """A running sink: ``port`` to point the mail backend at, ``handler`` for what arrived."""

    def __init__(self, controller: Controller, handler: SinkHandler) -> None:
        self.controller = controller
        self.handler = handler

    @property
    def port(self) -> int:
        return int(self.controller.port)

    def stop(self) -> None:
        self.controller.stop()


def sink_start(reject: Iterable[str] = (), *, keep_text: bool = True) -> Sink:
    """Start a sink on 127.0.0.1 on a port the system picks as free. Stop it with ``stop()``."""
    handler = SinkHandler(reject, keep_text=keep_text)
    # aiosmtpd's controller needs the port before it binds (it connects to it to check it is
    # up), so ask the system for a free one first, and try again if another process took it.
    for attempt in range(ATTEMPTS):
        controller: Any = Controller(handler, hostname=HOST, port=_free_port(), ready_timeout=10)
        try:
            controller.start()
        except OSError:
            if attempt == ATTEMPTS - 1:
                raise
            continue
        break
    return Sink(controller, handler)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@contextmanager
def smtp_sink(reject: Iterable[str] = (), *, keep_text: bool = True) -> Iterator[Sink]:
    """A sink for the duration of the ``with`` block."""
    sink = sink_start(reject, keep_text=keep_text)
    try:
        yield sink
    finally:
        sink.stop()
