"""One webhook per change: gather what one request or one transaction changed.

An editor's action fires several signals (a publish that changes a slug also sends
`page_slug_changed` and creates redirects; a delete sends one signal per page). They
are merged: per outermost transaction (sent once it commits, dropped if it rolls
back), then per HTTP request (sent once the response is finished, so the editor's
save never waits), or inside an explicit ``batch()``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator

from django.core.signals import request_finished, request_started
from django.db import transaction

from lumen_cms.webhooks.change_set import ContentChange

log = logging.getLogger(__name__)
_local = threading.local()


def _deliver(change: ContentChange) -> None:
    from lumen_cms.webhooks import outbox

    try:
        outbox.queue_change(change)
    except Exception:
        # Never fail the editor's request; the change is logged for a manual resend.
        log.exception("Could not queue webhooks for %s", sorted(change.kinds))


def record(change: ContentChange) -> None:
    """Add a change; it is sent once its transaction commits and its batch ends."""
    if not change:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        _pending_in_transaction(connection).merge(change)
    else:
        _committed(change)


def _pending_in_transaction(connection) -> ContentChange:
    """The change gathered for the current transaction, sent by one on_commit.

    A rolled-back transaction drops its on_commit callbacks: the gathered change
    then goes with them, and the next transaction starts afresh.
    """
    current: tuple[Callable[[], None], ContentChange] | None = getattr(
        _local, "transaction", None
    )
    if current is not None and any(
        callback is current[0] for _, callback, *_ in connection.run_on_commit
    ):
        return current[1]
    pending = ContentChange()

    def committed() -> None:
        _local.transaction = None
        _committed(pending)

    _local.transaction = (committed, pending)
    transaction.on_commit(committed)
    return pending


def _committed(change: ContentChange) -> None:
    batch = getattr(_local, "batch", None)
    if batch is not None:
        batch.merge(change)
    else:
        _deliver(change)


@contextlib.contextmanager
def batch() -> Iterator[ContentChange]:
    """Send everything committed inside the block as one change (imports, seeds)."""
    outer = getattr(_local, "batch", None)
    if outer is not None:
        yield outer
        return
    _local.batch = gathered = ContentChange()
    try:
        yield gathered
    finally:
        _local.batch = None
        if gathered:
            _deliver(gathered)


def _request_started(**kwargs) -> None:
    leftover = getattr(_local, "batch", None)
    _local.batch = ContentChange()
    if leftover:
        _deliver(leftover)


def _request_finished(**kwargs) -> None:
    gathered = getattr(_local, "batch", None)
    _local.batch = None
    if gathered:
        _deliver(gathered)


def connect() -> None:
    request_started.connect(_request_started, dispatch_uid="lumen-webhooks-batch")
    request_finished.connect(_request_finished, dispatch_uid="lumen-webhooks-batch")
