"""Articles about a product, for other apps' pages (e.g. a catalog service page)."""

from __future__ import annotations

from django.db.models import Q

from wagtail.models import Page

from resources.models import ArticlePage


def articles_about(topics: list[str], *, limit: int = 8) -> list[dict]:
    """Live, public articles whose related products (tags) or category name one of
    ``topics`` (case-insensitive), newest first, grouped by their index page."""
    query = Q()
    for topic in topics:
        topic = topic.strip()
        if topic:
            query |= Q(tags__name__iexact=topic) | Q(category__name__iexact=topic)
    if not query:
        return []
    articles = list(
        ArticlePage.objects.live()
        .public()
        .filter(query)
        .distinct()
        .order_by("-date", "title")
        .only("id", "title", "slug", "url_path", "path", "depth", "summary", "date")[
            :limit
        ]
    )
    if not articles:
        return []
    parents = {
        page.path: page
        for page in Page.objects.filter(
            path__in={a.path[: -Page.steplen] for a in articles}
        ).only("id", "title", "url_path", "path", "depth")
    }
    groups: dict[str, dict] = {}
    for article in articles:
        parent = parents.get(article.path[: -Page.steplen])
        if parent is None:
            continue
        group = groups.setdefault(
            parent.path, {"title": parent.title, "page": parent, "articles": []}
        )
        group["articles"].append(article)
    return list(groups.values())
