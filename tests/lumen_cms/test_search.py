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
    # No result: "did you mean" reads the site's words (titles, products, clauses).
    with django_assert_max_num_queries(14):
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


SEARCH_INDEX = "lumen_search_title_body_gin"


def _index_names() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        return set(
            connection.introspection.get_constraints(cursor, "wagtailsearch_indexentry")
        )


def test_search_backend_and_index_follow_the_database():
    """PostgreSQL: its full-text backend plus the title || body GIN index (migration
    0002); SQLite: the database default backend and no such index."""
    from django.db import connection

    from wagtail.search.backends import get_search_backend

    backend = type(get_search_backend()).__name__
    if connection.vendor == "postgresql":
        assert backend == "PostgresSearchBackend"
        assert SEARCH_INDEX in _index_names()
    else:
        assert backend != "PostgresSearchBackend"
        assert SEARCH_INDEX not in _index_names()


def test_the_search_query_can_use_the_title_body_index(seeded_site):
    """The backend filters on exactly the indexed expression (checked by EXPLAIN with
    sequential scans priced out, as at scale); SQLite searches its FTS5 table."""
    from django.db import connection

    from wagtail.models import Page

    results = Page.objects.live().search("MySQL")
    assert any(page.slug == "mysql" for page in results)
    if connection.vendor != "postgresql":
        assert "fts" in str(results[:10].get_queryset().query).lower()
        return
    sql, params = results[:10].get_queryset().query.sql_with_params()
    expression = (
        '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body")'
    )
    assert f"{expression} @@" in sql  # exactly the indexed expression
    with connection.cursor() as cursor:
        # On a handful of rows the planner may prefer the content-type index; alone,
        # with sequential scans priced out (as at scale), the filter takes the GIN.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ plainto_tsquery('english', %s)",
            ["mysql"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {SEARCH_INDEX}" in plan
