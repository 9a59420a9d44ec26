"""Background tasks: mail delivery runs in the worker, never in the request."""

from django_tasks import task


@task()
def deliver_email(email_id: int) -> str:
    from forms.outbox import deliver

    return deliver(email_id)
