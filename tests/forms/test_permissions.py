"""Submission rules touch only this app's form pages; a host's own stay Wagtail's."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission, Page

import pytest

from forms.permissions import filter_forms_for_user, grant_form_administrators
from tests.forms.conftest import make_form_page
from tests.legal.factories import UserFactory
from tests.lumen_cms.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

role_migration = importlib.import_module(
    "forms.migrations.0004_form_administrators_role"
)


def test_filter_hides_only_this_apps_form_pages(home_page):
    contact = make_form_page(home_page)
    other = StandardPageFactory(parent=home_page, slug="other")  # any other page type
    pages = Page.objects.filter(pk__in=[contact.pk, other.pk])

    editor = UserFactory(is_staff=True)
    assert list(filter_forms_for_user(editor, pages)) == [other.page_ptr]
    admin = UserFactory(is_staff=True, groups=["Form administrators"])
    assert set(filter_forms_for_user(admin, pages)) == {
        contact.page_ptr,
        other.page_ptr,
    }


def test_form_administrators_are_granted_this_apps_form_pages_only(home_page):
    group = Group.objects.get(name="Form administrators")
    contact = make_form_page(home_page)
    other = StandardPageFactory(parent=home_page, slug="other")
    grant_form_administrators(page=contact)
    grant_form_administrators(page=other)
    granted = GroupPagePermission.objects.filter(group=group)
    assert list(granted.values_list("page_id", flat=True)) == [contact.pk]


def test_role_migration_creates_the_group_once_and_never_restores_rights(home_page):
    contact = make_form_page(home_page)
    Group.objects.filter(name="Form administrators").delete()

    role_migration.create_role(apps, None)
    group = Group.objects.get(name="Form administrators")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_submission", "manage_data_subjects"} <= codenames
    assert GroupPagePermission.objects.filter(group=group, page=contact).exists()
    assert Group.objects.get(name="Legal editors").permissions.filter(
        codename="view_dpacceptance"
    )

    # An administrator takes a right away; running the migration again keeps it so.
    group.permissions.remove(group.permissions.get(codename="manage_data_subjects"))
    role_migration.create_role(apps, None)
    assert Group.objects.filter(name="Form administrators").count() == 1
    assert not group.permissions.filter(codename="manage_data_subjects").exists()
