"""Inline panels with a permission, like Wagtail's `FieldPanel(permission=...)`.

Wagtail's InlinePanel has no permission: a hidden one still binds its formset, and
without the posted management form the page can no longer be saved. Here the formset
leaves the form for users without the permission, so the rows stay as they are.
"""

from __future__ import annotations

from wagtail.admin.panels import InlinePanel, Panel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm


class PermissionInlinePanel(InlinePanel):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "permission": self.permission}

    def get_form_options(self):
        options = super().get_form_options()
        options["formset_permissions"] = {self.relation_name: self.permission}
        return options

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs["form"]
            if form is None or kwargs["panel"].relation_name in form.formsets:
                super().__init__(**kwargs)
                return
            Panel.BoundPanel.__init__(self, **kwargs)
            self.label = self.panel.label
            self.formset = None
            self.children = []

        def is_shown(self):
            return self.formset is not None and super().is_shown()


class PermissionFormsetsPageForm(WagtailAdminFormPageForm):
    """Form pages' admin form: drops the formsets the user may not change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        permissions = getattr(self.Meta, "formset_permissions", {})
        for relation_name, permission in permissions.items():
            if user is not None and not user.has_perm(permission):
                self.formsets.pop(relation_name, None)
