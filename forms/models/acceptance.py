"""DP terms: a form page bound to a legal document; append-only records."""

from __future__ import annotations

from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel

from modelcluster.fields import ParentalKey

from forms.acceptance_form import TermsVersionFormMixin
from forms.models.pages import LumenFormMixin
from forms.permissions import MAIL_ROUTING_PERMISSION, FormPagePermissionTester
from legal.append_only import AppendOnlyModel, AppendOnlyQuerySet
from legal.permissions import LegalApprovalMixin, LegalApprovalPermissionTester
from lumen_kit.page_links import page_link

NO_VERSION = "The Data Protection terms are not available right now. Please try later."


class DPTermsPermissionTester(LegalApprovalPermissionTester, FormPagePermissionTester):
    """Legal approval for publishing and moving; evidence rules for deleting."""


class DPTermsField(AbstractFormField):
    page = ParentalKey(
        "DPTermsPage", on_delete=models.CASCADE, related_name="form_fields"
    )


class DPTermsPage(LegalApprovalMixin, LumenFormMixin, AbstractEmailForm):
    """Accept the DP Exhibit: each acceptance binds to the version the signer saw.

    Its wording is part of the evidence, so changes go through Legal approval.
    """

    # Other page types it shows (beyond its own tree, links and menus): none.
    page_cache_depends_on = ()

    legal_permission_tester_class = DPTermsPermissionTester

    page_ptr = page_link()

    terms_page = models.ForeignKey(
        "legal.LegalDocumentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The legal document (DP Exhibit) being accepted.",
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        FieldPanel("terms_page"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        FieldPanel("failure_text"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("from_address", permission=MAIL_ROUTING_PERMISSION),
                        FieldPanel("to_address", permission=MAIL_ROUTING_PERMISSION),
                    ]
                ),
                FieldPanel("subject"),
            ],
            "Email",
        ),
    ]
    api_fields = [
        APIField("intro"),
        APIField("thank_you_text"),
        APIField("form_fields"),
        APIField("terms_page"),
    ]
    api_select_related = ("terms_page",)
    api_prefetch_related = ("form_fields",)
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "DP terms acceptance page"

    def __str__(self) -> str:
        return self.title

    def current_version(self):
        """The version in effect, while the legal document itself is live."""
        terms = self.terms_page if self.terms_page_id else None
        return terms.current_version() if terms is not None and terms.live else None

    def submission_problem(self) -> str | None:
        return None if self.current_version() else NO_VERSION

    def get_form_class(self):
        return type(
            "DPTermsForm", (TermsVersionFormMixin, super().get_form_class()), {}
        )

    def process_form_submission(self, form):
        from forms import services

        return services.record_acceptance(page=self, form=form)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["terms_version"] = self.current_version()
        return context

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """The confirmation shows the signer the record bound to the exact version."""
        response = super().render_landing_page(
            request, form_submission, *args, **kwargs
        )
        response.context_data["acceptance"] = getattr(
            form_submission, "acceptance", None
        )
        return response


class DPAcceptance(AppendOnlyModel):
    """Who accepted which exact text, with which wording, when. Never changed.

    Append-only in code (`AppendOnlyModel`) and in the database (trigger, forms
    migration 0003); its page and version are `PROTECT`ed, so no deletion elsewhere
    can rewrite a row either.
    """

    append_only_messages = {
        "change": "Acceptance records are append-only.",
        "delete": "Acceptance records are append-only.",
    }

    page = models.ForeignKey(
        DPTermsPage, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.ForeignKey(
        "legal.LegalDocumentVersion", on_delete=models.PROTECT, related_name="+"
    )
    version_label = models.CharField(max_length=40)
    version_sha256 = models.CharField("SHA-256", max_length=64)
    checkbox_wording = models.JSONField(default=list)
    company = models.CharField(max_length=255, blank=True)
    signer_name = models.CharField(max_length=255, blank=True)
    signer_title = models.CharField(max_length=255, blank=True)
    email = models.CharField(max_length=254, db_index=True)
    form_data = models.JSONField(default=dict)
    accepted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-accepted_at"]
        verbose_name = "DP terms acceptance"

    def __str__(self) -> str:
        return f"{self.company} — {self.version_label}"
