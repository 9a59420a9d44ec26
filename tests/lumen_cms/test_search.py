import pytest

from lumen_cms.views import MAX_QUERY_LENGTH

pytestmark = pytest.mark.django_db


def test_search_page_without_query(client, seeded_site):
    response = client.get("/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="page-header__title">Search Lumen</h1>' in html
    assert "Search anytime by typing what you need and pressing ENTER" in html


def test_search_finds_live_pages(client, seeded_site):
    html = client.get("/search/", {"q": "MySQL"}).content.decode()
    assert 'href="/managed-services/mysql/"' in html
    assert "result" in html


def test_search_skips_unpublished_pages(client, seeded_site):
    seeded_site.get_descendants().get(slug="mysql").unpublish()
    html = client.get("/search/", {"q": "MySQL workloads"}).content.decode()
    assert 'href="/managed-services/mysql/"' not in html


def test_search_escapes_the_query(client, seeded_site):
    html = client.get(
        "/search/", {"q": "<img src=x onerror=alert(1)>"}
    ).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


@pytest.mark.parametrize(
    "query", ["0" * 60000, "foo:ba" + "r" * 60000, "( " * 30000, '"' * 60000]
)
def test_hostile_queries_are_capped_and_cheap(
    client, seeded_site, query, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert (
        response.context["search_query"]
        == " ".join(query.split())[:MAX_QUERY_LENGTH].strip()
    )
    assert len(response.context["search_query"]) <= MAX_QUERY_LENGTH


def test_invalid_result_page_number_falls_back(client, seeded_site):
    response = client.get("/search/", {"q": "service", "page": "abc"})
    assert response.status_code == 200
