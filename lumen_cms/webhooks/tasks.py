"""Background task: webhooks are sent by the worker, never in the editor's request."""

from django_tasks import task


@task()
def deliver_webhook(delivery_id: int) -> str:
    from lumen_cms.webhooks.outbox import deliver

    return deliver(delivery_id)
