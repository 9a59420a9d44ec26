"""A host project's own models, named as ordinary projects name them.

bakerydemo has ``base.FormPage``; many projects have an ``ArticlePage`` with tags, a
``Submission`` linked to pages or a ``StatusPage``. The host smoke suite installs the
apps next to these: ``manage.py check`` proves that no model name, reverse accessor
or query name clashes, and the host's own form page must keep working for its editors.
"""

from django.db import models

from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.models import Page

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(AbstractEmailForm):
    intro = models.TextField(blank=True)
    content_panels = [
        *AbstractEmailForm.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
    ]


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleIndexPage(Page):
    pass


class ArticlePage(Page):
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)


class StatusPage(Page):
    pass


class ServicePage(Page):
    pass


class LegalDocumentPage(Page):
    pass


class Submission(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Submission {self.pk}"
