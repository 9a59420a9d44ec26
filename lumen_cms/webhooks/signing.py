"""Webhook signatures in the Standard Webhooks format (standardwebhooks.com).

``webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`` with the
key being the base64 part of a ``whsec_`` secret, so receivers may verify with the
spec's ready-made libraries or the ten lines in the README.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time

PREFIX = "whsec_"
MIN_KEY_BYTES = 24
MAX_KEY_BYTES = 64
TOLERANCE_SECONDS = 5 * 60


class InvalidSignature(ValueError):
    pass


def generate_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def secret_key(secret: str) -> bytes:
    """The HMAC key of a ``whsec_`` secret; ValueError when it is not one."""
    if not secret.startswith(PREFIX):
        raise ValueError(f"The secret must start with {PREFIX}.")
    try:
        key = base64.b64decode(secret[len(PREFIX) :], validate=True)
    except binascii.Error as exc:
        raise ValueError(f"After {PREFIX}, the secret must be base64.") from exc
    if not MIN_KEY_BYTES <= len(key) <= MAX_KEY_BYTES:
        raise ValueError(
            f"The secret must hold {MIN_KEY_BYTES} to {MAX_KEY_BYTES} bytes "
            f"({len(key)} given)."
        )
    return key


def signature(secret: str, *, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secret: str, *, message_id: str, body: bytes, timestamp: int | None = None):
    """The three signature headers for one attempt (the timestamp is the send time)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(
            secret, message_id=message_id, timestamp=timestamp, body=body
        ),
    }


def verify(
    secret: str, *, headers: dict[str, str], body: bytes, now: float | None = None
) -> None:
    """Raise InvalidSignature unless `headers` sign `body` with `secret`, recently."""
    try:
        message_id = headers["webhook-id"]
        timestamp = int(headers["webhook-timestamp"])
        offered = headers["webhook-signature"].split()
    except (KeyError, ValueError) as exc:
        raise InvalidSignature("Missing or malformed signature headers.") from exc
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        raise InvalidSignature("Timestamp outside the tolerance window.")
    expected = signature(secret, message_id=message_id, timestamp=timestamp, body=body)
    if not any(hmac.compare_digest(expected, item) for item in offered):
        raise InvalidSignature("No matching signature.")
