"""Legal documents (pages) and their immutable, published versions."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from legal.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from legal.blocks import LegalBodyBlock
from legal.permissions import LegalApprovalMixin
from legal.structure import freeze_body
from lumen_kit.host_templates import HostBaseTemplateMixin
from lumen_kit.page_links import page_link

label_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
    "Use letters, digits, dots, hyphens or underscores (e.g. 2018-05).",
)


class ImmutableVersionError(AppendOnlyError):
    """A published legal version was about to be changed or deleted."""


class LegalDocumentVersionQuerySet(AppendOnlyQuerySet):
    """Read rules for versions; bulk writes are refused because versions are frozen."""

    def published(self) -> LegalDocumentVersionQuerySet:
        return self.filter(published_at__isnull=False)

    def newest_first(self) -> LegalDocumentVersionQuerySet:
        return self.order_by("-effective_date", "-published_at", "-pk")

    def in_effect(self, on: datetime.date | None = None) -> LegalDocumentVersion | None:
        """The latest published version whose effective date is on or before ``on``."""
        on = on or timezone.localdate()
        return self.published().filter(effective_date__lte=on).newest_first().first()

    def upcoming(self, on: datetime.date | None = None) -> LegalDocumentVersionQuerySet:
        """Published versions that take effect after ``on``, soonest first."""
        on = on or timezone.localdate()
        return (
            self.published()
            .filter(effective_date__gt=on)
            .order_by("effective_date", "published_at", "pk")
        )


def in_effect(
    newest_first: list[LegalDocumentVersion], on: datetime.date
) -> LegalDocumentVersion | None:
    """`LegalDocumentVersionQuerySet.in_effect` over versions already fetched."""
    return next(
        (
            v
            for v in newest_first
            if v.published_at is not None and v.effective_date <= on
        ),
        None,
    )


class LegalDocumentPage(
    LegalApprovalMixin, HostBaseTemplateMixin, RoutablePageMixin, Page
):
    # Other page types it shows (beyond its own tree, links and menus): none.
    page_cache_depends_on = ()

    page_ptr = page_link()

    intro = models.TextField(
        blank=True,
        help_text="Short introduction shown above the document and in listings.",
    )
    body = StreamField(
        LegalBodyBlock(),
        blank=True,
        help_text=(
            "Clauses, sub-clauses, paragraphs, lists and appendices. Numbers are "
            "added automatically. Visitors see the published legal version, not this "
            "draft, until a legal editor publishes a new version."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("intro"),
        APIField("current_version_api"),
        APIField("versions_api"),
    ]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "legal document"

    @classmethod
    def api_bulk_load(
        cls, pages: list[LegalDocumentPage], *, fields: set[str], request: HttpRequest
    ) -> None:
        """The API listing's documents get their versions in two queries: all of
        them without their text, then the text of those in effect today."""
        if not {"current_version_api", "versions_api"} & fields:
            return
        versions: dict[int, list[LegalDocumentVersion]] = defaultdict(list)
        for version in (
            LegalDocumentVersion.objects.filter(document__in=pages)
            .newest_first()
            .defer("body", "rendered_text")
        ):
            versions[version.document_id].append(version)
        today = timezone.localdate()
        current = {page.pk: in_effect(versions[page.pk], today) for page in pages}
        in_full = LegalDocumentVersion.objects.in_bulk(
            [v.pk for v in current.values() if v is not None]
            if "current_version_api" in fields
            else []
        )
        for page in pages:
            page._prefetched_versions = versions[page.pk]
            if "current_version_api" in fields:
                version = current[page.pk]
                page._prefetched_current_version = version and in_full[version.pk]

    def current_version(
        self, on: datetime.date | None = None
    ) -> LegalDocumentVersion | None:
        """The version in effect on ``on`` (today by default)."""
        return self.versions.in_effect(on=on)

    @path("")
    def current(self, request):
        from legal import views

        return views.current_version(request, self)

    @path("versions/", name="versions")
    def version_list(self, request):
        from legal import views

        return views.version_list(request, self)

    @path("v/<str:label>/", name="version")
    def version(self, request, label: str):
        from legal import views

        return views.version_detail(request, self, label=label)

    @path("diff/<str:from_label>/<str:to_label>/", name="diff")
    def diff(self, request, from_label: str, to_label: str):
        from legal import views

        return views.version_diff(
            request, self, from_label=from_label, to_label=to_label
        )

    def get_route_paths(self) -> list[str]:
        """Wagtail redirects these paths when the page's URL changes (a move, a new
        slug, an ancestor moved): every emailed version permalink keeps working."""
        labels = list(
            self.versions.order_by("effective_date", "published_at", "pk").values_list(
                "label", flat=True
            )
        )
        return [
            "/",
            "/" + self.reverse_subpage("versions"),
            *["/" + self.reverse_subpage("version", args=[label]) for label in labels],
            *[
                "/" + self.reverse_subpage("diff", args=[old, new])
                for old, new in zip(labels, labels[1:], strict=False)
            ],
        ]

    @property
    def current_version_api(self) -> dict | None:
        """The version in effect today, in full, for headless clients."""
        from legal.serializers import version_data

        if hasattr(self, "_prefetched_current_version"):
            version = self._prefetched_current_version
        else:
            version = self.current_version()
        if version is None:
            return None
        version.document = self
        return version_data(version, full=True)

    @property
    def versions_api(self) -> list[dict]:
        from legal.serializers import version_data

        versions = getattr(self, "_prefetched_versions", None)
        if versions is None:
            versions = list(self.versions.newest_first().defer("body", "rendered_text"))
        for version in versions:
            version.document = self
        return [version_data(v) for v in versions]

    def frozen_body(self) -> dict:
        """This page's (live) content in the frozen, numbered form versions store."""
        return freeze_body(
            title=self.title, intro=self.intro, raw_body=self.body.get_prep_value()
        )


class LegalDocumentVersion(AppendOnlyModel):
    """An immutable snapshot of a legal document as published to visitors."""

    append_only_error = ImmutableVersionError
    append_only_messages = {
        "change": "Published legal versions cannot be changed.",
        "delete": "Published legal versions cannot be deleted.",
    }

    document = models.ForeignKey(
        LegalDocumentPage, on_delete=models.PROTECT, related_name="versions"
    )
    label = models.CharField(
        max_length=40,
        validators=[label_validator],
        help_text="Short permanent name used in URLs, e.g. 2018-05.",
    )
    effective_date = models.DateField(help_text="The date this version takes effect.")
    change_summary = models.TextField(
        blank=True, help_text="What changed compared with the previous version."
    )
    body = models.JSONField(help_text="Frozen, numbered structure of the text.")
    rendered_text = models.TextField()
    sha256 = models.CharField("SHA-256", max_length=64)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(default=timezone.now)

    objects = LegalDocumentVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_date", "-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "label"], name="legal_version_unique_label"
            )
        ]
        permissions = [
            ("publish_legaldocumentversion", "Can publish legal document versions")
        ]
        verbose_name = "legal document version"

    def __str__(self) -> str:
        return f"{self.document.title} — {self.label}"

    def get_absolute_url(self) -> str:
        return self.document.url + self.document.reverse_subpage(
            "version", kwargs={"label": self.label}
        )

    def is_in_future(self, on: datetime.date | None = None) -> bool:
        return self.effective_date > (on or timezone.localdate())
