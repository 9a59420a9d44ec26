"""POST one webhook with a hard overall deadline.

Written on http.client rather than urllib or requests: their timeouts apply to each
socket operation, so a receiver that trickles bytes could hold a worker for ever.
A timer shuts the socket down when the deadline passes. Redirects are not followed.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

EXCERPT_BYTES = 2048
USER_AGENT = "LumenCMS-Webhooks/1"


@dataclass(frozen=True)
class Response:
    status: int
    excerpt: str


class DeliveryTimeout(TimeoutError):
    pass


def post(url: str, *, body: bytes, headers: dict[str, str], timeout: float) -> Response:
    """POST `body` to `url`; raises OSError (DeliveryTimeout past `timeout` s)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"Not an http(s) URL: {url!r}")
    connection_class = (
        http.client.HTTPSConnection
        if parts.scheme == "https"
        else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    deadline = time.monotonic() + timeout
    timer = threading.Timer(timeout, _abort, [connection])
    timer.daemon = True
    timer.start()
    try:
        connection.request(
            "POST",
            (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
            body=body,
            headers={
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                **headers,
            },
        )
        response = connection.getresponse()
        excerpt = response.read(EXCERPT_BYTES)
        if time.monotonic() >= deadline:
            raise DeliveryTimeout(f"no complete answer within {timeout:g} s")
        return Response(response.status, excerpt.decode("utf-8", "replace"))
    except (OSError, http.client.HTTPException) as exc:
        if time.monotonic() >= deadline or isinstance(exc, TimeoutError):
            raise DeliveryTimeout(f"no complete answer within {timeout:g} s") from exc
        if isinstance(exc, OSError):
            raise
        raise OSError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        timer.cancel()
        connection.close()


def _abort(connection: http.client.HTTPConnection) -> None:
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
