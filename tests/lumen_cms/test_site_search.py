"""Search results: services, pricing products, articles and legal clauses, with type
labels, marked snippets, type filters and "did you mean"."""

import re

import pytest

from lumen_cms.site_search import highlight, search_terms


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
