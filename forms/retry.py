"""Retry schedule and deferred enqueueing for rows that must reach a remote party.

Shared by this app's mail outbox and the reference site's publish webhooks: a failed
delivery is tried again after an exponentially growing delay, through django-tasks'
``run_after``. Whatever cannot be (re)queued stays due in its table, where the
periodic sweep (``send_outbox``, ``send_webhooks``) finds it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff: base delay doubling per failed attempt, capped."""

    max_attempts: int
    base_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = timedelta(hours=2)

    def delay(self, attempts: int) -> timedelta:
        """Wait after the `attempts`-th failed attempt."""
        return min(self.base_delay * (2 ** max(attempts - 1, 0)), self.max_delay)

    def next_attempt_at(self, attempts: int, *, now: datetime) -> datetime | None:
        """When to try again after `attempts` failures; None once they are used up."""
        if attempts >= self.max_attempts:
            return None
        return now + self.delay(attempts)

    def total_delay(self) -> timedelta:
        """How long a row keeps being retried before it is given up."""
        return sum(
            (self.delay(n) for n in range(1, self.max_attempts)), start=timedelta()
        )


def enqueue(task: Any, *args: Any, run_after: datetime | None = None) -> bool:
    """Queue `task(*args)`, not before `run_after` if given; True when queued.

    Never raises: a queue that refuses, or cannot defer, leaves the row to the sweep.
    """
    try:
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return False
            task = task.using(run_after=run_after)
        task.enqueue(*args)
    except Exception:
        log.exception("Could not enqueue %s%r", getattr(task, "name", task), args)
        return False
    return True
