"""Service status: data centers, an editor-managed incident log, and the status page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel

from lumen_kit.host_templates import HostBaseTemplateMixin
from lumen_kit.page_links import page_link
from resources.preview import ExternalPreviewMixin
from resources.rich_text import expand_many
from resources.serializers import (
    DataCenterSerializer,
    IncidentSerializer,
    RichTextHTMLField,
)


class ServiceStatus(models.TextChoices):
    OPERATIONAL = "operational", "Operational"
    DEGRADED = "degraded", "Degraded performance"
    PARTIAL_OUTAGE = "partial_outage", "Partial outage"
    MAJOR_OUTAGE = "major_outage", "Major outage"
    MAINTENANCE = "maintenance", "Under maintenance"


class StatusDataCenter(index.Indexed, models.Model):
    """A data center shown on the status page (independent of the pricing catalog)."""

    code = models.CharField(max_length=12, unique=True, help_text="For example VA1.")
    name = models.CharField(max_length=120)
    location = models.CharField(max_length=120, blank=True)
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.OPERATIONAL
    )
    sort_order = models.PositiveIntegerField(default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("location"),
        FieldPanel("status"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("code"), index.SearchField("name")]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "status data center"

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class IncidentQuerySet(models.QuerySet):
    def open(self) -> "IncidentQuerySet":
        return self.filter(state=Incident.State.OPEN)

    def resolved(self) -> "IncidentQuerySet":
        return self.filter(state=Incident.State.RESOLVED)


class IncidentUpdateBlock(blocks.StructBlock):
    posted_at = blocks.DateTimeBlock()
    message = blocks.TextBlock()


class Incident(index.Indexed, ClusterableModel):
    """One entry of the incident log, with timestamped updates for readers."""

    class State(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    class Impact(models.TextChoices):
        MINOR = "minor", "Minor"
        MAJOR = "major", "Major"
        CRITICAL = "critical", "Critical"
        MAINTENANCE = "maintenance", "Planned maintenance"

    title = models.CharField(max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    impact = models.CharField(
        max_length=12, choices=Impact.choices, default=Impact.MINOR
    )
    started_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(
        null=True, blank=True, help_text="Required when the incident is resolved."
    )
    affected_data_centers = ParentalManyToManyField(
        StatusDataCenter, blank=True, related_name="incidents"
    )
    updates = StreamField(
        [("update", IncidentUpdateBlock())],
        blank=True,
        help_text="Newest first; each update is shown to readers with its time.",
    )

    objects = IncidentQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("state"),
        FieldPanel("impact"),
        FieldPanel("started_at"),
        FieldPanel("resolved_at"),
        FieldPanel("affected_data_centers"),
        FieldPanel("updates"),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("state")]

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.state == self.State.RESOLVED and not self.resolved_at:
            raise ValidationError({"resolved_at": "Give the time it was resolved."})
        if self.resolved_at and self.started_at and self.resolved_at < self.started_at:
            raise ValidationError({"resolved_at": "Cannot be before the start."})


class StatusPage(HostBaseTemplateMixin, ExternalPreviewMixin, Page):
    """For Developers → Status: every data center's status and the incident log."""

    page_ptr = page_link()

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    resolved_incidents_shown = models.PositiveSmallIntegerField(
        default=10, help_text="How many resolved incidents to list."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("resolved_incidents_shown"),
    ]
    api_fields = [
        APIField("intro", serializer=RichTextHTMLField()),
        APIField("data_centers", serializer=DataCenterSerializer(many=True)),
        APIField("open_incidents", serializer=IncidentSerializer(many=True)),
        APIField("resolved_incidents", serializer=IncidentSerializer(many=True)),
    ]
    subpage_types: list[str] = []
    max_count = 1

    @classmethod
    def api_bulk_load(
        cls, pages: list["StatusPage"], *, fields: set[str], request: HttpRequest
    ) -> None:
        """Data centers and incidents are the same for every status page: read once."""
        if "intro" in fields:
            expand_many(request, [page.intro for page in pages])
        if "data_centers" in fields:
            data_centers = pages[0].data_centers
            for page in pages:
                page.data_centers = data_centers
        if "open_incidents" in fields:
            incidents = pages[0].open_incidents
            for page in pages:
                page.open_incidents = incidents
        if "resolved_incidents" in fields:
            longest = max(pages, key=lambda page: page.resolved_incidents_shown)
            incidents = longest.resolved_incidents
            for page in pages:
                page.resolved_incidents = incidents[: page.resolved_incidents_shown]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["incident_groups"] = [
            ("Open incidents", self.open_incidents),
            ("Resolved incidents", self.resolved_incidents),
        ]
        return context

    @cached_property
    def data_centers(self) -> list[StatusDataCenter]:
        """Read by both the overall status line and the table: one query."""
        return list(StatusDataCenter.objects.all())

    @cached_property
    def open_incidents(self) -> list[Incident]:
        return list(Incident.objects.open().prefetch_related("affected_data_centers"))

    @cached_property
    def resolved_incidents(self) -> list[Incident]:
        return list(
            Incident.objects.resolved()
            .order_by("-resolved_at")
            .prefetch_related("affected_data_centers")[: self.resolved_incidents_shown]
        )

    @property
    def overall_status(self) -> str:
        statuses = {dc.status for dc in self.data_centers}
        if statuses <= {ServiceStatus.OPERATIONAL}:
            return "All systems operational"
        return "Some systems are affected"
