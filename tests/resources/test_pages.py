import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from resources.models import ArticleCategory, Incident, StatusDataCenter
from tests.resources.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    DeveloperCenterPageFactory,
    StatusPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kb(home_page):
    index = ArticleIndexPageFactory(parent=home_page)
    servers = ArticleCategory.objects.create(page=index, name="Servers", sort_order=0)
    billing = ArticleCategory.objects.create(page=index, name="Billing", sort_order=1)
    for n in range(23):
        page = ArticlePageFactory(
            parent=index,
            title=f"Server article {n}",
            category=servers,
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
        )
        if n == 0:
            page.tags.add("backup")
            page.save()
    ArticlePageFactory(parent=index, title="Invoices explained", category=billing)
    draft = ArticlePageFactory(parent=index, title="Secret draft", category=billing)
    draft.unpublish()
    return index


def test_index_lists_newest_first_and_paginates(client, kb):
    response = client.get(kb.url)
    assert response.status_code == 200
    articles = response.context["articles"]
    assert response.context["paginator"].count == 24
    assert len(articles.object_list) == 20
    assert articles[0].title == "Server article 22"
    second = client.get(kb.url, {"page": 2})
    assert len(second.context["articles"].object_list) == 4
    # Out of range or junk page numbers fall back instead of failing.
    assert client.get(kb.url, {"page": "999"}).context["articles"].number == 2
    assert client.get(kb.url, {"page": "x"}).context["articles"].number == 1
    assert b"Secret draft" not in second.content


def test_index_filters_by_category_tag_and_search(client, kb):
    billing = client.get(kb.url, {"category": "billing"})
    assert [a.title for a in billing.context["articles"]] == ["Invoices explained"]
    tagged = client.get(kb.url, {"tag": "backup"})
    assert [a.title for a in tagged.context["articles"]] == ["Server article 0"]
    found = client.get(kb.url, {"q": "invoices"})
    assert [a.title for a in found.context["articles"]] == ["Invoices explained"]
    assert client.get(kb.url, {"q": "secret"}).context["paginator"].count == 0
    assert client.get(kb.url, {"q": "\x0c +"}).context["paginator"].count == 24
    assert b'<option value="billing"' in billing.content


def test_article_renders_blocks_and_escapes(client, kb):
    page = ArticlePageFactory(
        parent=kb,
        title="Blocks <b>",
        body=[
            {"type": "rich_text", "value": "<p>Hello <b>world</b></p>"},
            {"type": "code", "value": {"language": "bash", "code": "echo '<x>'"}},
            {
                "type": "table",
                "value": {
                    "data": [["Name", "Type"], ["<id>", "int"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "",
                },
            },
        ],
    )
    page.related_links.create(target=kb.get_children().first())
    page.save()
    html = client.get(page.url).content.decode()
    assert '<h1 class="page-header__title">Blocks &lt;b&gt;</h1>' in html
    assert '<code class="language-bash">echo &#x27;&lt;x&gt;&#x27;</code>' in html
    assert '<th scope="col">Name</th>' in html and "<td>&lt;id&gt;</td>" in html
    assert "Related articles" in html


def test_related_articles_hide_drafts_and_private_pages(kb):
    live, draft, private = kb.get_children().specific()[:3]
    draft.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    page = ArticlePageFactory(parent=kb)
    for target in (live, draft, private):
        page.related_links.create(target=target)
    assert [p.pk for p in page.related_articles] == [live.pk]


def test_status_page_lists_data_centers_and_incidents(client, home_page):
    va1 = StatusDataCenter.objects.create(code="VA1", name="Sterling")
    StatusDataCenter.objects.create(code="GB3", name="Slough", status="degraded")
    incident = Incident.objects.create(title="Slow builds", impact="major")
    incident.affected_data_centers.add(va1)
    incident.save()
    Incident.objects.create(
        title="Old outage",
        state="resolved",
        started_at=timezone.now() - datetime.timedelta(days=2),
        resolved_at=timezone.now() - datetime.timedelta(days=1),
    )
    page = StatusPageFactory(parent=home_page)
    html = client.get(page.url).content.decode()
    assert "Some systems are affected" in html
    assert "Slow builds" in html and "affects VA1" in html and "Old outage" in html
    assert html.index("Slow builds") < html.index("Old outage")


def test_incident_validation():
    incident = Incident(title="x", state="resolved")
    with pytest.raises(ValidationError, match="resolved"):
        incident.full_clean()
    incident.resolved_at = incident.started_at - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError, match="before"):
        incident.full_clean()


def test_developer_center_links_only_live_pages(client, home_page, kb):
    hidden = ArticleIndexPageFactory(parent=home_page, title="Hidden", slug="hidden")
    hidden.unpublish()
    page = DeveloperCenterPageFactory(
        parent=home_page,
        links=[
            {
                "type": "link",
                "value": {"page": kb.pk, "title": "", "description": "KB"},
            },
            {
                "type": "link",
                "value": {"page": hidden.pk, "title": "", "description": ""},
            },
        ],
    )
    html = client.get(page.url).content.decode()
    assert "Knowledge Base" in html and "Hidden" not in html


def test_admin_smoke(admin_client, kb):
    assert (
        admin_client.get("/admin/snippets/resources/statusdatacenter/").status_code
        == 200
    )
    assert admin_client.get("/admin/snippets/resources/incident/").status_code == 200
    assert (
        admin_client.get("/admin/snippets/resources/incident/add/").status_code == 200
    )
    article = kb.get_children().first()
    assert admin_client.get(f"/admin/pages/{article.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/{kb.pk}/edit/").status_code == 200


def test_category_choices_are_limited_to_the_index(admin_client, kb, home_page):
    other = ArticleIndexPageFactory(parent=home_page, title="Blog", slug="blog")
    ArticleCategory.objects.create(page=other, name="Announcements")
    article = kb.get_children().first()
    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Billing" in html and "Announcements" not in html
    add = admin_client.get(f"/admin/pages/add/resources/articlepage/{other.pk}/")
    assert "Announcements" in add.content.decode()


def test_index_page_query_budget(client, kb, django_assert_max_num_queries):
    client.get(kb.url)  # warm the site-root cache
    with django_assert_max_num_queries(12):
        response = client.get(kb.url, {"category": "servers"})
    assert len(response.context["articles"].object_list) == 20
