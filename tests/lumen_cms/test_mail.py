"""A slow or dead SMTP server never holds a web worker or the outbox worker for long."""

import re
import socket
import time

from django.core import mail
from django.test import override_settings

import pytest
from django_tasks import default_task_backend

from forms import outbox
from forms.models import OutboundEmail

pytestmark = pytest.mark.django_db
PORTS = range(8120, 8130)  # this project's test ports


@pytest.fixture
def silent_smtp_server():
    """Accepts connections and never says a word (a hung mail server)."""
    server = socket.socket()
    for port in PORTS:
        try:
            server.bind(("127.0.0.1", port))
            break
        except OSError:
            continue
    else:
        pytest.fail("No free port in 8120-8129")
    server.listen(5)
    yield port
    server.close()


def test_email_timeout_is_set(settings):
    assert 0 < settings.EMAIL_TIMEOUT <= 30


def test_a_hung_smtp_server_fails_the_send_within_the_timeout(
    settings, silent_smtp_server
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent_smtp_server
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    email = OutboundEmail.objects.create(to=["a@example.com"], subject="s", body="b")
    started = time.monotonic()
    assert outbox.deliver(email.pk) == OutboundEmail.Status.QUEUED
    assert time.monotonic() - started < 5
    email.refresh_from_db()
    assert email.attempts == 1
    assert "timed out" in email.last_error.lower()


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)
def test_password_reset_mail_leaves_the_request_to_the_worker(
    client, django_user_model
):
    user = django_user_model.objects.create_user(
        "ada", "ada@example.com", "correct horse", is_staff=True
    )
    default_task_backend.clear()
    response = client.post("/admin/password_reset/", {"email": "ADA@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []  # nothing was sent inside the request
    [queued] = default_task_backend.results
    assert "token" not in str(queued.kwargs)  # no credential waits in the queue
    queued.task.call(*queued.args, **queued.kwargs)  # what db_worker does
    [message] = mail.outbox
    assert message.to == [user.email]
    link = re.search(
        r"https?://[^/\s]+(/admin/password_reset/confirm/\S+)", message.body
    )
    assert client.get(link.group(1)).status_code == 302  # a working reset link


def test_unknown_addresses_queue_nothing(client, settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    default_task_backend.clear()
    assert (
        client.post("/admin/password_reset/", {"email": "x@example.com"}).status_code
        == 302
    )
    assert default_task_backend.results == []
