"""Who may reach form submissions, and the "Form administrators" role's page rights.

Wagtail lets anyone who can edit a form page list, export and delete its submissions
(`wagtail.contrib.forms.utils.get_forms_for_user`). Submissions hold personal data,
so the `filter_form_submissions_for_user` hook also requires `forms.view_submission`:
page editors keep editing form pages without seeing what visitors sent. The same
permission is needed to change where a form's mail goes (whoever can redirect the
mail can read the submissions) and to delete a page holding submissions; pages
holding DP acceptances cannot be deleted at all.
All these rules touch only this app's page types: a host's own form pages keep
Wagtail's behaviour.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet

from wagtail.models import GroupPagePermission, Page, PagePermissionTester

SUBMISSIONS_PERMISSION = "forms.view_submission"
# Changing a form's addresses and routes: the submissions permission (see above).
MAIL_ROUTING_PERMISSION = SUBMISSIONS_PERMISSION
FORM_ADMINISTRATORS = "Form administrators"
HOLDS_ACCEPTANCES = (
    "“{title}” is, or contains, a DP terms page with acceptance records. They are "
    "evidence and are kept: unpublish the page instead of deleting it."
)
HOLDS_SUBMISSIONS = (
    "“{title}” is, or contains, a form page with submissions. Only Form "
    "administrators may delete it (and its submissions)."
)


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


def deletion_problem(page: Page, user: AbstractBaseUser | None) -> str | None:
    """Why `user` may not delete `page` and the pages below it (None: they may)."""
    from forms.models import DPAcceptance, Submission

    pages = Page.objects.descendant_of(page, inclusive=True).values("pk")
    if DPAcceptance.objects.filter(page__in=pages).exists():
        return HOLDS_ACCEPTANCES.format(title=page.title)
    if (
        not can_access_submissions(user)
        and Submission.objects.filter(page__in=pages).exists()
    ):
        return HOLDS_SUBMISSIONS.format(title=page.title)
    return None


class FormPagePermissionTester(PagePermissionTester):
    """Form pages: the delete action obeys `deletion_problem` wherever Wagtail asks."""

    def can_delete(self, ignore_bulk=False):
        return (
            super().can_delete(ignore_bulk=ignore_bulk)
            and deletion_problem(self.page, self.user) is None
        )

    def can_move(self):
        # Wagtail moves under its delete rule; a move keeps every record, though.
        return PagePermissionTester.can_delete(self, ignore_bulk=True)


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
