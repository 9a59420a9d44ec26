"""Article indexes (Knowledge Base, guides, API docs, blog) and their articles."""

import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.text import slugify

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from lumen_kit.host_templates import HostBaseTemplateMixin
from lumen_kit.page_links import page_link
from resources.blocks import ArticleBodyBlock
from resources.preview import ExternalPreviewMixin
from resources.rich_text import expand_many, stream_sources
from resources.serializers import (
    CategorySerializer,
    RelatedArticleSerializer,
    RichTextHTMLField,
    TagListField,
)

ARTICLES_PER_PAGE = 20


class ArticleIndexPage(HostBaseTemplateMixin, ExternalPreviewMixin, Page):
    """A listing of articles (Knowledge Base, guides, API docs, blog) with filters."""

    # Other page types it shows (beyond its own tree, links and menus): none.
    page_cache_depends_on = ()
    # Query parameters that choose what it shows: pages cached per value.
    page_cache_query_params = ("category", "tag", "q", "page")

    page_ptr = page_link()

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "categories",
            label="Categories",
            help_text="Shown as filters, in this order.",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("intro", serializer=RichTextHTMLField()),
        APIField("categories", serializer=CategorySerializer(many=True)),
    ]
    api_prefetch_related = ("categories",)
    subpage_types = ["resources.ArticlePage"]

    class Meta:
        verbose_name = "article index page"

    @classmethod
    def api_bulk_load(
        cls, pages: list[Page], *, fields: set[str], request: HttpRequest
    ) -> None:
        if "intro" in fields:
            expand_many(request, [page.intro for page in pages])

    def articles(self) -> "ArticlePageQuerySet":
        return (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .select_related("category", "thumbnail")
            .order_by(models.F("date").desc(nulls_last=True), "title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        category = request.GET.get("category", "")[:100]
        tag = request.GET.get("tag", "")[:100]
        query = request.GET.get("q", "").strip()[:200]
        if not re.search(r"\w", query):
            query = ""  # the database backend fails on word-less queries
        if category:
            articles = articles.filter(category__slug=category)
        if tag:
            articles = articles.filter(tags__slug=tag).distinct()
        if query:
            results = ArticlePage.objects.child_of(self).live().search(query)
            ids = [page.pk for page in results[:500]]
            articles = articles.filter(pk__in=ids)
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        context.update(
            articles=page_obj,
            paginator=paginator,
            categories=self.categories.all(),
            selected_category=category,
            selected_tag=tag,
            search_query=query,
        )
        return context


class ArticleCategory(Orderable):
    """A category of one index (an import's category folder); ordered by editors."""

    page = ParentalKey(
        ArticleIndexPage, on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(Orderable.Meta):
        verbose_name_plural = "article categories"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "slug"], name="resources_category_unique_slug"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)[:120]
        super().save(*args, **kwargs)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePageForm(WagtailAdminPageForm):
    """Offer only the categories of the article's own index."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        parent = parent_page or (
            self.instance.get_parent() if self.instance.pk else None
        )
        if parent is not None and "category" in self.fields:
            self.fields["category"].queryset = ArticleCategory.objects.filter(
                page_id=parent.pk
            )


class ArticlePageQuerySet(PageQuerySet):
    def imported_from(self, source: str) -> "ArticlePageQuerySet":
        return self.filter(source_path=source)


ArticlePageManager = PageManager.from_queryset(ArticlePageQuerySet)


class ArticlePage(HostBaseTemplateMixin, ExternalPreviewMixin, Page):
    """One knowledge-base article, guide, API reference page or blog post."""

    # Other page types it shows (beyond its own tree, links and menus): none.
    page_cache_depends_on = ()

    page_ptr = page_link()

    date = models.DateField(null=True, blank=True, help_text="Publication date.")
    author = models.CharField(max_length=255, blank=True)
    summary = models.TextField(
        blank=True, help_text="One or two sentences shown in listings and previews."
    )
    category = models.ForeignKey(
        ArticleCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="A category of the parent index.",
    )
    tags = ClusterTaggableManager(
        through=ArticlePageTag, blank=True, related_name="resources_articlepages"
    )
    thumbnail = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    related_products = models.JSONField(
        default=list,
        blank=True,
        help_text="Product names this article relates to (from the imported header).",
    )
    source_path = models.CharField(
        max_length=500,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Path of the imported file; lets re-imports update this page.",
    )
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = ArticlePageManager()
    base_form_class = ArticlePageForm

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("author"),
                FieldPanel("category"),
                FieldPanel("tags"),
            ],
            heading="About this article",
        ),
        FieldPanel("summary"),
        FieldPanel("thumbnail"),
        FieldPanel("body"),
        InlinePanel("related_links", label="Related articles"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("date"),
        index.FilterField("category"),
    ]
    api_fields = [
        APIField("date"),
        APIField("author"),
        APIField("summary"),
        APIField("category", serializer=CategorySerializer()),
        APIField("tags", serializer=TagListField()),
        APIField("thumbnail"),
        APIField("body"),
        APIField("related_products"),
        APIField("related_articles", serializer=RelatedArticleSerializer(many=True)),
    ]
    api_select_related = ("category", "thumbnail")
    api_prefetch_related = (
        Prefetch("tagged_items", ArticlePageTag.objects.select_related("tag")),
        "related_links",
    )
    parent_page_types = ["resources.ArticleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "article page"

    @classmethod
    def api_bulk_load(
        cls, pages: list["ArticlePage"], *, fields: set[str], request: HttpRequest
    ) -> None:
        """One expansion for every body's rich text, one lookup of related pages."""
        if "body" in fields:
            expand_many(request, stream_sources(pages, "body", "rich_text"))
        if "related_articles" in fields:
            targets = related_pages(
                {link.target_id for page in pages for link in page.related_links.all()}
            )
            for page in pages:
                page._prefetched_related_articles = [
                    targets[link.target_id]
                    for link in page.related_links.all()
                    if link.target_id in targets
                ]

    @property
    def related_articles(self) -> list[Page]:
        """Live, public related pages only: a draft or private page never leaks."""
        prefetched = getattr(self, "_prefetched_related_articles", None)
        if prefetched is not None:
            return prefetched
        ids = [link.target_id for link in self.related_links.all() if link.target_id]
        targets = related_pages(set(ids))
        return [targets[i] for i in ids if i in targets]


def related_pages(ids: set[int]) -> dict[int, Page]:
    """The live, public pages among `ids`, by id (none fetched for no ids)."""
    if not ids:
        return {}
    return {p.pk: p for p in Page.objects.filter(pk__in=ids).live().public().specific()}


class ArticleRelatedLink(Orderable):
    page = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="related_links"
    )
    target = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("target")]
