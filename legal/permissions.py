"""Pages under legal approval: only legal editors publish, unpublish or move them.

Wagtail asks a page's permission tester (`Page.permissions_for_user`) before every
publish, unpublish, move, privacy and scheduling action: in the edit view, the
action menu, bulk actions and the page actions themselves. Page types that mix in
`LegalApprovalMixin` answer "no" there to everyone but legal editors, so everyone
else submits changes to the "Legal approval" workflow, and a published legal text
cannot be moved or taken offline by a page editor.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from wagtail.models import PagePermissionTester

PUBLISH_PERMISSION = "legal.publish_legaldocumentversion"


def is_legal_editor(user: AbstractBaseUser | None) -> bool:
    """Legal editors (and superusers) hold the permission to publish legal versions."""
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


class LegalApprovalPermissionTester(PagePermissionTester):
    def can_publish(self):
        return super().can_publish() and is_legal_editor(self.user)

    def can_unpublish(self):
        return super().can_unpublish() and is_legal_editor(self.user)

    def can_move(self):
        return super().can_move() and is_legal_editor(self.user)


class LegalApprovalMixin:
    """Page mixin: published only through legal editors (or the Legal approval
    workflow, whose approvers are legal editors)."""

    legal_permission_tester_class: type[PagePermissionTester] = (
        LegalApprovalPermissionTester
    )

    def permissions_for_user(self, user):
        return self.legal_permission_tester_class(user, self)


def requires_legal_approval(page_class: type) -> bool:
    return issubclass(page_class, LegalApprovalMixin)
