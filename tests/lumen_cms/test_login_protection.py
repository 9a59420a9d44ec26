"""Admin login brute-force protection (django-axes): username + IP pairs lock."""

from django.conf import settings
from django.db.models import F

import pytest
from axes.models import AccessAttempt

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery"


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser("editor", "e@x.example", PASSWORD)


@pytest.fixture
def other(db, django_user_model):
    return django_user_model.objects.create_superuser("other", "o@x.example", PASSWORD)


def login(client, username: str, password: str, ip: str = "203.0.113.5"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def fail_until_locked(client, username: str, ip: str = "203.0.113.5") -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = login(client, username, "wrong", ip)
    assert response.status_code == 429


def test_settings_lock_the_pair_with_a_cool_off():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_COOLOFF_TIME.total_seconds() > 0
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def test_failures_below_the_limit_do_not_lock(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "editor", "wrong").status_code == 200
    assert login(client, "editor", PASSWORD).status_code == 302


def test_repeated_failures_lock_the_username_ip_pair(client, editor):
    fail_until_locked(client, "editor")
    response = login(client, "editor", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still not signed in


def test_the_same_user_from_another_ip_is_not_locked(client, editor):
    fail_until_locked(client, "editor", ip="203.0.113.5")
    response = login(client, "editor", PASSWORD, ip="198.51.100.7")
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_another_user_from_the_same_ip_is_not_locked(client, editor, other):
    fail_until_locked(client, "editor")
    assert login(client, "other", PASSWORD).status_code == 302


def test_the_cool_off_period_releases_the_lock(client, editor):
    fail_until_locked(client, "editor")
    assert login(client, "editor", PASSWORD).status_code == 429
    # Let the cool-off period pass: the failures now lie before it.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME
    )
    assert login(client, "editor", PASSWORD).status_code == 302


def test_force_login_still_works_for_tests_and_tools(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
