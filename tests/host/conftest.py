"""Host smoke suite: runs inside a ``wagtail start`` project (see .ci/host-smoke).

The apps come from the installed wheel, never from the repository; the project's own
``home.HomePage`` is the parent of everything, and its own ``base.html`` the chrome.
These tests are not collected by the main suite (tests/conftest.py ignores them).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from wagtail.models import Page, Site

import pytest


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    """Form tokens are valid at once (the spam timing has its own tests upstream)."""
    settings.FORMS_MIN_SUBMIT_SECONDS = 0


@pytest.fixture
def home(db) -> Page:
    """The host's own home page (``home.HomePage`` from ``wagtail start``)."""
    page = Site.objects.get(is_default_site=True).root_page.specific
    assert type(page).__module__ == "home.models"
    return page


@pytest.fixture
def superuser_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@host.example", "x")
    client.force_login(user)
    return client
