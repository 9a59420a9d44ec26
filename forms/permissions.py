"""Who may reach form submissions, and the "Form administrators" role's page rights.

Wagtail lets anyone who can edit a form page list, export and delete its submissions
(`wagtail.contrib.forms.utils.get_forms_for_user`). Submissions hold personal data,
so the `filter_form_submissions_for_user` hook also requires `forms.view_submission`:
page editors keep editing form pages without seeing what visitors sent. Both rules
touch only this app's page types: a host's own form pages keep Wagtail's behaviour.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet

from wagtail.models import GroupPagePermission, Page

SUBMISSIONS_PERMISSION = "forms.view_submission"
FORM_ADMINISTRATORS = "Form administrators"


def can_access_submissions(user: AbstractBaseUser | None) -> bool:
    return bool(user and user.is_active and user.has_perm(SUBMISSIONS_PERMISSION))


def own_form_page_types() -> tuple[type[Page], ...]:
    from forms.models import DPTermsPage, FormPage

    return (FormPage, DPTermsPage)


def filter_forms_for_user(user: AbstractBaseUser, pages: QuerySet) -> QuerySet:
    """Form pages whose submissions `user` may see: edit rights, plus the permission
    for this app's pages; other form pages (the host's own) are left as they are."""
    if can_access_submissions(user):
        return pages
    own = ContentType.objects.get_for_models(*own_form_page_types()).values()
    return pages.exclude(content_type__in=own)


@transaction.atomic
def grant_form_administrators(*, page: Page) -> None:
    """Give "Form administrators" edit (never publish) rights on one form page.

    That is what Wagtail checks before listing, exporting or deleting the page's
    submissions. Idempotent; a no-op when the group does not exist or the page is
    not one of this app's form pages.
    """
    group = Group.objects.filter(name=FORM_ADMINISTRATORS).first()
    if group is None or not isinstance(page.specific_deferred, own_form_page_types()):
        return
    permission = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="change_page"
    )
    GroupPagePermission.objects.get_or_create(
        group=group, page=page, permission=permission
    )
