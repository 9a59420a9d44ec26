import pytest

from lumen_cms.seed import resources as seed
from resources.models import (
    ArticleIndexPage,
    ArticlePage,
    DeveloperCenterPage,
    Incident,
    StatusDataCenter,
    StatusPage,
)

pytestmark = pytest.mark.django_db

SLUGS = [
    "developers",
    "getting-started",
    "api-docs",
    "blog",
    "knowledge-base",
    "status",
]


def counts() -> tuple[int, ...]:
    return (
        ArticleIndexPage.objects.count(),
        ArticlePage.objects.count(),
        StatusDataCenter.objects.count(),
        Incident.objects.count(),
    )


def test_seed_creates_every_menu_target_once(client, home_page):
    seed.load(home=home_page)
    first = counts()
    seed.load(home=home_page)
    assert counts() == first
    children = {p.slug: p.specific for p in home_page.get_children()}
    for slug in SLUGS:
        assert children[slug].live, slug
        assert client.get(children[slug].url).status_code == 200, slug
    assert isinstance(children["developers"], DeveloperCenterPage)
    assert isinstance(children["status"], StatusPage)
    assert len(children["developers"].links) == 5
    assert ArticlePage.objects.child_of(children["blog"]).live().exists()
    assert children["status"].revisions.count() == 1
