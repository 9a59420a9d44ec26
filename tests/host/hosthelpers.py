"""Helpers shared by the host smoke tests (imported as a top-level module there)."""

from __future__ import annotations

import re
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.staticfiles import finders

from wagtail.models import Page

DATA = Path(__file__).parent / "data"
STATIC_REF = re.compile(r'(?:href|src)="/static/([^"?]+)')


def staff(*, groups: tuple[str, ...] = (), perms: tuple[str, ...] = ()):
    """A staff user in the given groups with extra ``app.codename`` permissions."""
    user = get_user_model().objects.create_user(
        f"user{time.monotonic_ns()}", "u@host.example", "x", is_staff=True
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def assert_host_chrome(html: str, *app_css: str) -> None:
    """Rendered inside the host's own base.html, with the app's stylesheet found."""
    assert "/static/css/hostsite.css" in html, "not inside the host's base template"
    assert "/static/js/hostsite.js" in html
    for css in app_css:
        assert f"/static/{css}" in html, f"{css} not linked"
    for path in STATIC_REF.findall(html):
        if not path.startswith(("css/hostsite", "js/hostsite")):
            assert finders.find(path), f"/static/{path} is linked but not installed"
