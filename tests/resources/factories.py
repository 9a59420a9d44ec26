import factory
import wagtail_factories

from resources.models import (
    ArticleIndexPage,
    ArticlePage,
    DeveloperCenterPage,
    StatusPage,
)


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    title = "Knowledge Base"
    slug = "knowledge-base"

    class Meta:
        model = ArticleIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "A short summary."

    class Meta:
        model = ArticlePage


class StatusPageFactory(wagtail_factories.PageFactory):
    title = "Status"
    slug = "status"

    class Meta:
        model = StatusPage


class DeveloperCenterPageFactory(wagtail_factories.PageFactory):
    title = "Developer Center"
    slug = "developers"

    class Meta:
        model = DeveloperCenterPage
