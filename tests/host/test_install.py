"""The wheel is what runs, the host project is clean, and the apps' roles exist."""

from __future__ import annotations

import sys
import sysconfig
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail.models import Workflow

import pytest

APPS = ("legal", "forms", "catalog", "resources")


def test_apps_come_from_the_installed_wheel():
    site_packages = Path(sysconfig.get_paths()["purelib"]).resolve()
    for label in APPS:
        module = sys.modules[apps.get_app_config(label).module.__name__]
        assert Path(module.__file__).resolve().is_relative_to(site_packages), label
        assert apps.get_app_config(label).default_auto_field.endswith("BigAutoField")
    assert "lumen_cms" not in sys.modules  # an app never needs the reference site


@pytest.mark.django_db
def test_system_checks_are_clean_and_no_migration_is_missing():
    out = StringIO()
    call_command("check", fail_level="WARNING", stdout=out, stderr=out)
    assert "no issues" in out.getvalue()
    call_command("makemigrations", check=True, dry_run=True, stdout=out)


@pytest.mark.django_db
def test_roles_and_workflow_come_from_the_apps_migrations():
    form_admins = Group.objects.get(name="Form administrators")
    assert set(form_admins.permissions.values_list("codename", flat=True)) >= {
        "access_admin",
        "view_submission",
        "manage_data_subjects",
        "view_outboundemail",
    }
    legal_editors = Group.objects.get(name="Legal editors")
    assert legal_editors.permissions.filter(
        codename="publish_legaldocumentversion"
    ).exists()
    assert legal_editors.permissions.filter(codename="view_dpacceptance").exists()
    assert Workflow.objects.filter(name="Legal approval", active=True).exists()
    # Wagtail's own roles are left as Wagtail made them.
    editors = Group.objects.get(name="Editors")
    assert not editors.page_permissions.filter(permission__codename="publish_page")
