"""Each app names what it is missing: start-up error for model links, checks else."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

import pytest

from catalog import checks as catalog_checks
from forms import checks as forms_checks
from legal import checks as legal_checks
from resources import checks as resources_checks

ALL = (catalog_checks, forms_checks, legal_checks, resources_checks)


def without(monkeypatch, *missing: str) -> None:
    real = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name not in missing and real(name)
    )


def test_the_reference_site_has_everything():
    for module in ALL:
        module.require_model_apps()
        assert module.check_required_apps() == []


def test_forms_without_legal_stops_with_the_fix(monkeypatch):
    without(monkeypatch, "legal")
    with pytest.raises(ImproperlyConfigured, match=r"forms\.E001: forms needs 'legal'"):
        forms_checks.require_model_apps()


@pytest.mark.parametrize(
    ("module", "app"),
    [
        (legal_checks, "wagtail.contrib.routable_page"),
        (resources_checks, "wagtail.contrib.table_block"),
        (forms_checks, "wagtail.contrib.forms"),
        (catalog_checks, "wagtail.snippets"),
    ],
)
def test_missing_companion_app_is_a_check_error(monkeypatch, module, app):
    without(monkeypatch, app)
    [error] = module.check_required_apps()
    label = module.__name__.split(".")[0]
    assert error.id == f"{label}.E002"
    assert app in error.msg and f"Add {app!r} to INSTALLED_APPS" in error.hint


def test_messages_keep_their_exact_wording(monkeypatch):
    without(monkeypatch, "wagtail.images", "taggit", "wagtail.contrib.routable_page")
    with pytest.raises(ImproperlyConfigured) as stop:
        resources_checks.require_model_apps()
    assert str(stop.value) == (
        "resources.E001: resources needs 'wagtail.images' in INSTALLED_APPS"
        " (articles have thumbnails and images); "
        "resources.E001: resources needs 'taggit' in INSTALLED_APPS"
        " (articles are tagged)"
    )
    [error] = legal_checks.check_required_apps()
    assert (error.id, error.msg, error.hint) == (
        "legal.E002",
        "legal needs 'wagtail.contrib.routable_page' in INSTALLED_APPS.",
        "Add 'wagtail.contrib.routable_page' to INSTALLED_APPS: legal pages serve"
        " version lists, permalinks and diffs as sub-pages.",
    )
