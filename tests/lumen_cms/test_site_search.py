"""Search results: services, pricing products, articles and legal clauses, with type
labels, marked snippets, type filters and "did you mean"."""

import re

from wagtail.models import Page

import pytest

from lumen_cms.models import StandardPage
from lumen_cms.site_search import (
    MAX_PAGE_HITS,
    did_you_mean,
    highlight,
    ranked_page_rows,
    search_terms,
)

# Queries of one search request on the seeded site once its caches are warm: the
# same at 30 or 5,000 matching pages (bench/bench_pages.py measures the latter).
SEARCH_QUERIES = 9
NO_HIT_QUERIES = 8


def titles(html: str) -> list[str]:
    return re.findall(r'search-results__title"><a href="[^"]*">([^<]*)<', html)


def labels(html: str) -> list[str]:
    return re.findall(r'class="badge">([^<]*)<', html)


def test_highlight_marks_terms_and_escapes_everything():
    html = highlight("Managed <b>MySQL</b> & backups for MySQL", ["mysql"])
    assert html.count("<mark>MySQL</mark>") == 2
    assert "&lt;b&gt;" in html and "&amp;" in html
    assert "<b>" not in html


def test_highlight_cuts_a_window_around_the_first_term():
    text = "lorem " * 200 + "target words here " + "ipsum " * 200
    html = highlight(text, ["target"], length=80)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>target</mark>" in html
    assert len(re.sub("<[^>]+>", "", html)) < 100


def test_search_terms_are_words_only():
    assert search_terms("  MySQL, backup!! <script>") == ["mysql", "backup", "script"]
    assert search_terms("\x0c --- ;") == []


@pytest.mark.django_db
def test_site_search_on_the_seeded_site(client, lumen_site):
    # Pricing products are not pages: found by name and by description.
    html = client.get("/search/", {"q": "backup"}).content.decode()
    assert "Simple Backup Service Backups" in titles(html)
    assert titles(html)[0].lower().count("backup")  # named matches first
    assert any(label.startswith("Pricing") for label in labels(html))
    assert "<mark>Backup</mark>" in html or "<mark>backup</mark>" in html
    assert 'href="/pricing/?data_center=VA1#infrastructure-resources"' in html
    by_description = client.get("/search/", {"q": "S3 compatible"}).content.decode()
    assert "Object Storage" in titles(by_description)

    # Services come first and are labelled; counts per type are offered as filters.
    html = client.get("/search/", {"q": "mysql"}).content.decode()
    assert labels(html)[:2] == ["Service", "Service"]
    assert "MySQL" in titles(html)
    assert "Services (2)" in html and "Pricing (" in html
    only_services = client.get("/search/", {"q": "mysql", "type": "service"})
    assert set(labels(only_services.content.decode())) == {"Service"}

    # Legal clauses link to their anchor in the version in effect.
    html = client.get("/search/", {"q": "sub-processor"}).content.decode()
    assert set(labels(html)) == {"Legal clause"}
    assert re.search(r'href="/gdpr/dp-exhibit/#clause-[\w-]+"', html)
    assert "Data Protection Exhibit, clause" in html

    # Articles carry their index as label.
    html = client.get("/search/", {"q": "password"}).content.decode()
    assert "Knowledge Base" in labels(html)

    # Nothing found: a nearby query the site does use.
    html = client.get("/search/", {"q": "mysqll"}).content.decode()
    assert "0 results" in html
    assert 'Did you mean <a href="?q=mysql">mysql</a>?' in html
    assert (
        "Did you mean" not in client.get("/search/", {"q": "qqqzzz"}).content.decode()
    )

    # Hostile input stays escaped in snippets and suggestions.
    html = client.get("/search/", {"q": "<script>mysql"}).content.decode()
    assert "<script>mysql" not in html


def result_count(html: str) -> int:
    return int(re.search(r"(\d+) results? for", html).group(1))


@pytest.mark.django_db
def testranked_page_rows_keep_the_backend_ranking(lumen_site):
    pages = Page.objects.live().public().descendant_of(lumen_site.root_page)
    for query in ("mysql", "backup", "password"):
        expected = [
            (page.pk, page.title, page.content_type_id)
            for page in pages.search(query)[:MAX_PAGE_HITS]
        ]
        assert ranked_page_rows(pages.search(query)[:MAX_PAGE_HITS]) == expected
    assert len(ranked_page_rows(pages.search("mysql"))) >= 2


@pytest.mark.django_db
def test_search_queries_do_not_grow_with_the_site(
    client, lumen_site, django_assert_max_num_queries
):
    client.get("/search/", {"q": "mysql"})  # site root paths, menus, content types
    with django_assert_max_num_queries(SEARCH_QUERIES):
        before = result_count(client.get("/search/", {"q": "mysql"}).content.decode())
    home = lumen_site.root_page
    for n in range(30):
        home.add_child(
            instance=StandardPage(
                title=f"MySQL tuning note {n}",
                slug=f"mysql-note-{n}",
                intro="Replication settings for MySQL.",
            )
        )
    with django_assert_max_num_queries(SEARCH_QUERIES):
        html = client.get("/search/", {"q": "mysql"}).content.decode()
    assert result_count(html) == before + 30


@pytest.mark.django_db
def test_did_you_mean_reads_the_vocabulary_once(
    client, lumen_site, django_assert_max_num_queries, django_assert_num_queries
):
    assert did_you_mean("mysqll", site=lumen_site) == "mysql"
    with django_assert_num_queries(0):  # the words are cached
        assert did_you_mean("mysqll backupp", site=lumen_site) == "mysql backup"
        assert did_you_mean("qqqzzz", site=lumen_site) == ""
    with django_assert_max_num_queries(NO_HIT_QUERIES):
        html = client.get("/search/", {"q": "mysqll"}).content.decode()
    assert 'Did you mean <a href="?q=mysql">mysql</a>?' in html
