"""Editor-built form pages (Contact Us, Support) on wagtail.contrib.forms."""

from __future__ import annotations

from django.db import models
from django.utils.functional import cached_property

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from modelcluster.fields import ParentalKey

from forms.builder import LimitedFormBuilder
from forms.panels import PermissionFormsetsPageForm, PermissionInlinePanel
from forms.permissions import MAIL_ROUTING_PERMISSION, FormPagePermissionTester
from lumen_kit.host_templates import HostBaseTemplateMixin
from lumen_kit.page_links import page_link

DEFAULT_FAILURE = "There was a problem submitting the form. Please try again."


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormRoute(Orderable):
    """One choice of the routing field: its team address and follow-up link."""

    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="routes")
    choice = models.CharField(
        max_length=255, help_text="Exactly as written in the routing field's choices."
    )
    team_email = models.EmailField(max_length=254)
    follow_up_url = models.CharField(
        max_length=500,
        blank=True,
        help_text="A site path (/support/...) or https:// URL.",
    )
    follow_up_label = models.CharField(max_length=120, blank=True)

    panels = [
        FieldPanel("choice"),
        FieldPanel("team_email"),
        FieldRowPanel([FieldPanel("follow_up_url"), FieldPanel("follow_up_label")]),
    ]

    def __str__(self) -> str:
        return self.choice


class LumenFormMixin(HostBaseTemplateMixin, models.Model):
    """Fields shared by every Lumen form page (texts, retention, routing)."""

    intro = RichTextField(blank=True)
    thank_you_text = RichTextField(blank=True)
    failure_text = models.CharField(max_length=255, default=DEFAULT_FAILURE)
    retention_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Submissions older than this are purged (blank: kept).",
    )
    confirm_to_submitter = models.BooleanField(
        default=False, help_text="Also mail a copy to the submitter's email field."
    )

    form_builder = LimitedFormBuilder
    base_form_class = PermissionFormsetsPageForm

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return FormPagePermissionTester(user, self)

    def get_submission_class(self):
        from forms.models.records import Submission

        return Submission

    def get_submissions_list_view_class(self):
        from forms.views import StreamingSubmissionsListView

        return StreamingSubmissionsListView

    def process_form_submission(self, form):
        """Save the submission and queue its mail in one transaction (see services)."""
        from forms import services

        return services.record_submission(page=self, form=form)

    def get_data_fields(self):
        return [
            *super().get_data_fields(),
            ("routed_team", "Routed team"),
            ("acceptance_version", "Accepted version"),
        ]

    def submission_problem(self) -> str | None:
        """A reason the page cannot accept submissions right now (None: it can)."""
        return None

    def serve(self, request, *args, **kwargs):
        from forms.views import serve_form_page

        return serve_form_page(self, request, *args, **kwargs)


class FormPage(LumenFormMixin, AbstractEmailForm):
    """Contact Us, Support and any editor-built form; routes by one choice field."""

    # Other page types it shows (beyond its own tree, links and menus): none.
    page_cache_depends_on = ()

    page_ptr = page_link()

    route_field = models.CharField(
        max_length=255,
        blank=True,
        help_text="Name (clean name) of the choice field that routes the notification.",
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        FieldPanel("failure_text"),
        # Where the mail goes: Form administrators only (forms.permissions).
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("from_address", permission=MAIL_ROUTING_PERMISSION),
                        FieldPanel("to_address", permission=MAIL_ROUTING_PERMISSION),
                    ]
                ),
                FieldPanel("subject"),
                FieldPanel("confirm_to_submitter", permission=MAIL_ROUTING_PERMISSION),
            ],
            "Email",
        ),
        MultiFieldPanel(
            [
                FieldPanel("route_field", permission=MAIL_ROUTING_PERMISSION),
                PermissionInlinePanel(
                    "routes", label="Routes", permission=MAIL_ROUTING_PERMISSION
                ),
            ],
            "Routing",
        ),
        FieldPanel("retention_days"),
    ]
    api_fields = [
        APIField("intro"),
        APIField("thank_you_text"),
        APIField("failure_text"),
        APIField("form_fields"),
    ]
    api_prefetch_related = ("form_fields",)
    subpage_types: list[str] = []

    def __str__(self) -> str:
        return self.title

    @cached_property
    def routes_by_choice(self) -> dict[str, FormRoute]:
        return {r.choice.strip(): r for r in self.routes.all()}

    def route_for(self, cleaned_data: dict) -> FormRoute | None:
        if not self.route_field:
            return None
        value = cleaned_data.get(self.route_field)
        if isinstance(value, list):
            value = value[0] if value else ""
        return self.routes_by_choice.get(str(value or "").strip())

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(
            request, form_submission, *args, **kwargs
        )
        if form_submission is not None:
            response.context_data["route"] = self.route_for(form_submission.form_data)
        return response
