"""404 suggestions from the precomputed index (lumen_cms.suggestions): quality,
privacy, bounded cost whatever the path or the site's size, invalidation on publish,
and a warm 404 that runs no query for them."""

import pickle
import time
from array import array

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from lumen_cms import route_index, suggestions
from lumen_cms.suggestions import (
    MAX_RATIOS,
    MAX_SCORED,
    READ_BUDGET,
    SuggestionIndex,
    path_words,
    site_index,
    suggest_pages,
)
from tests.lumen_cms.factories import StandardPageFactory

ROWS = [
    ("Managed Services", "managed-services", "/managed-services/"),
    ("Apache", "apache", "/managed-services/apache/"),
    ("Apache Tomcat", "apache-tomcat", "/managed-services/apache-tomcat/"),
    ("Microsoft SQL", "microsoft-sql", "/managed-services/microsoft-sql/"),
    ("MySQL", "mysql", "/managed-services/mysql/"),
    ("Application Services", "application-services", "/application-services/"),
    ("Relational DB MySQL-Compatible", "relational-db-mysql",
     "/application-services/relational-db-mysql/"),
    ("Lumen Data Protection Exhibit", "dp-exhibit", "/gdpr/dp-exhibit/"),
    ("Reset a server's administrator password", "reset-server-password",
     "/knowledge-base/reset-server-password/"),
    ("How the billing cycle works", "billing-cycle", "/knowledge-base/billing-cycle/"),
    ("Über uns", "über-uns", "/über-uns/"),
]  # fmt: skip


def urls(index: SuggestionIndex, path: str) -> list[str]:
    return [found["url"] for found in index.suggest(path)]


COMMON = ["cloud", "server", "backup", "mysql", "windows", "linux", "guide", "reset",
          "billing", "api"]  # fmt: skip
SYLLABLES = ["ka", "lo", "mi", "ra", "te", "zu", "no", "vi", "sa", "de", "pho", "tri"]


def large_site(pages: int) -> list[tuple[str, str, str]]:
    """Sections of pages whose titles share common words, and a name of their own."""
    rows = []
    for number in range(pages):
        name, rest = "", number
        while len(name) < 6 or rest:
            name += SYLLABLES[rest % len(SYLLABLES)]
            rest //= len(SYLLABLES)
        words = [COMMON[(number * k) % len(COMMON)] for k in (1, 3, 7)]
        slug = "-".join([*words, name])
        rows.append((" ".join([*words, name]).title(), slug, f"/{words[0]}/{slug}/"))
    return rows


@pytest.fixture
def index() -> SuggestionIndex:
    return SuggestionIndex.build(ROWS)


@pytest.fixture
def counted(monkeypatch) -> list:
    """The rankers suggest() makes, to count the pages and ratios each scored."""
    made = []

    class Ranker(suggestions._Ranker):
        def __init__(self, words):
            super().__init__(words)
            made.append(self)

    monkeypatch.setattr(suggestions, "_Ranker", Ranker)
    return made


@pytest.fixture
def fresh_process():
    """No index held by this process (as in a newly started worker)."""
    route_index.forget_local()


def build_site_index(site) -> SuggestionIndex:
    """The site's suggestion index as the route index builds it (no cache)."""
    return route_index.build(0).suggestions[site.pk]


# Quality ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/mysq/",
        "/managed-services/mysqll/",
        "/managed-services/msyql/",
        "/managed-services/mysq/",
        "/MANAGED-SERVICES/MySQL.html",
    ],
)
def test_typos_find_the_page_meant_first(index, path):
    assert urls(index, path)[0] == "/managed-services/mysql/"


def test_the_closest_page_ranks_above_its_section(index):
    found = urls(index, "/managed-services/mysq/")
    assert found.index("/managed-services/mysql/") < found.index("/managed-services/")


def test_words_in_another_order_title_words_and_cut_short_words(index):
    assert "/managed-services/mysql/" in urls(index, "/mysql/managed-services/")
    assert "/managed-services/apache/" in urls(index, "/tomcat-apache/")
    assert urls(index, "/data-protection-exhibit/")[0] == "/gdpr/dp-exhibit/"
    assert urls(index, "/how-billing-works/") == ["/knowledge-base/billing-cycle/"]
    assert urls(index, "/managed-serv/")[0] == "/managed-services/"


def test_accents_and_escapes_match_unicode_slugs(index):
    assert path_words("/%C3%9Cber-Uns/") == ["uber", "uns"]
    assert urls(index, "/%C3%BCber-un/") == ["/über-uns/"]
    assert urls(index, "/uber-uns/") == ["/über-uns/"]


def test_unrelated_paths_and_noise_suggest_nothing(index):
    for path in ("/zzz/", "/no-such-thing/", "/%%%/", "/", "", "/---/"):
        assert index.suggest(path) == [], path
    assert SuggestionIndex().suggest("/mysql/") == []
    assert SuggestionIndex.build([]).suggest("/mysql/") == []


def test_limit_and_result_shape(index):
    found = index.suggest("/managed-services/", limit=2)
    assert len(found) == 2
    assert found[0] == {"title": "Managed Services", "url": "/managed-services/"}
    assert index.suggest("/managed-services/", limit=0) == []


def test_a_pickled_index_answers_alike_and_stays_small(index):
    blob = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    again = pickle.loads(blob)  # noqa: S301 - the test's own data
    for path in ("/mysq/", "/managed-serv/", "/uber-uns/", "/billing/"):
        assert again.suggest(path) == index.suggest(path)
    big = pickle.dumps(SuggestionIndex.build(large_site(5000)))
    assert len(big) < 1024 * 1024


def test_an_index_pickled_by_another_release_is_empty(index, monkeypatch):
    blob = pickle.dumps(index)
    monkeypatch.setattr(suggestions, "FORMAT", suggestions.FORMAT + 1)
    assert len(pickle.loads(blob)) == 0  # noqa: S301 - the test's own data


# Bounded cost -------------------------------------------------------------------


HOSTILE = [
    "/" + "a-" * 5000,  # 10 KB of one-letter words
    "/" + "x" * 10_000,
    "/" + "/".join(f"cloud{n}server{n}backup" for n in range(400)),
    "/" + "%E2%82%AC%C3%BC" * 800,
    "/" + "%25" * 3000,
    "/" + "cloud-server-backup-mysql-windows-linux-guide-reset-billing-api-" * 150,
    "/" + "-".join(["clod", "servr", "bakup", "mysq", "windos", "linx"] * 300),
]


def test_hostile_paths_on_a_large_site_are_cheap_and_capped(counted):
    index = SuggestionIndex.build(large_site(5000))
    for path in HOSTILE:
        assert len(path) >= 2400
        started = time.perf_counter()
        index.suggest(path)
        elapsed = time.perf_counter() - started
        assert elapsed < 0.25, (path[:40], elapsed)
        assert counted[-1].scored <= MAX_SCORED
        assert counted[-1].ratios <= MAX_RATIOS
        assert len(index.candidates(path_words(path))) <= MAX_SCORED


def test_a_large_site_still_finds_the_page_meant(counted):
    rows = large_site(5000)
    index = SuggestionIndex.build(rows)
    for number in (7, 1234, 4321):
        url = rows[number][2]
        name = url.strip("/").rpartition("-")[2]
        mistyped = url.replace(name, name[:2] + name[3:]).replace("reset", "rest")
        assert url in urls(index, mistyped), mistyped
    assert counted[-1].scored <= MAX_SCORED


class CountingArray(array):
    """Page numbers that record how many each request reads."""

    read: list[int]

    def __getitem__(self, key):
        found = super().__getitem__(key)
        if isinstance(key, slice):
            self.read.append(len(found))
        return found


@pytest.mark.parametrize("pages", [500, 5000, 20_000])
def test_the_work_per_request_does_not_grow_with_the_site(pages, counted):
    """Whatever the site's size: at most READ_BUDGET page numbers read, MAX_SCORED
    pages ranked, MAX_RATIOS difflib ratios."""
    index = SuggestionIndex.build(large_site(pages))
    index.page_ids = CountingArray("H", index.page_ids)
    for path in ("/cloud/clod-servr-guide/", "/server-mysql-reset/", *HOSTILE):
        index.page_ids.read = []
        index.suggest(path)
        assert sum(index.page_ids.read) <= READ_BUDGET
        assert counted[-1].scored <= MAX_SCORED
        assert counted[-1].ratios <= MAX_RATIOS
    # Common words: on a large site the budget is what bounds the work.
    index.page_ids.read = []
    index.suggest("/cloud-server-backup-mysql/")
    common = sum(index.df[index.token_of[word]] for word in COMMON[:4])
    assert sum(index.page_ids.read) == min(READ_BUDGET, common)
    assert (common > READ_BUDGET) == (pages > 2000)


def test_path_words_are_bounded():
    assert len(path_words("/" + "a-" * 50000)) == 12
    assert path_words("/" + "0" * 60000) == ["0" * 199]


# From the database: privacy, invalidation, queries ---------------------------------


@pytest.mark.django_db
def test_site_index_holds_live_public_pages_but_not_the_root(seeded_site):
    index = build_site_index(seeded_site.get_site())
    assert "/managed-services/mysql/" in index.urls
    assert "/" not in index.urls
    assert all(url.startswith("/") and url.endswith("/") for url in index.urls)


def suggested(site, path: str) -> list[str]:
    return [found["url"] for found in suggest_pages(site=site, path=path)]


@pytest.mark.django_db
def test_restricted_and_unpublished_pages_are_never_suggested(
    seeded_site, fresh_process
):
    site = seeded_site.get_site()
    pages = seeded_site.get_descendants()
    mysql = pages.get(slug="mysql")
    StandardPageFactory(parent=mysql, slug="mysql-private", title="MySQL private")
    private = "/managed-services/mysql/mysql-private/"
    assert private in suggested(site, "/mysql-private/")  # public so far
    PageViewRestriction.objects.create(
        page=mysql, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    PageViewRestriction.objects.create(
        page=pages.get(slug="application-services"),
        restriction_type=PageViewRestriction.LOGIN,
    )
    for path in ("/mysql/", "/mysql-private/", "/relational-db-mysql/", "/security/"):
        found = suggested(site, path)
        assert "/managed-services/mysql/" not in found, path
        assert private not in found, path
        assert not [url for url in found if url.startswith("/application-services/")]
    assert "/managed-services/apache/" in suggested(site, "/apache/")
    pages.get(slug="apache").unpublish()
    found = suggested(site, "/apache/")
    assert "/managed-services/apache/" not in found
    assert "/managed-services/apache-tomcat/" in found


@pytest.mark.django_db
def test_the_index_holds_what_wagtails_public_gives(seeded_site):
    pages = seeded_site.get_descendants()
    nested = StandardPageFactory(parent=pages.get(slug="mysql"), slug="nested")
    for page, kind in ((nested, "password"), (pages.get(slug="gdpr"), "login")):
        PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password="x"
        )
    public = pages.live().public()
    assert public.count() < pages.live().count() - 3
    index = build_site_index(seeded_site.get_site())
    assert sorted(index.urls) == sorted(
        page.url_path.removeprefix(seeded_site.url_path[:-1]) for page in public
    )


@pytest.mark.django_db
def test_a_publish_makes_a_new_index_with_the_new_page(seeded_site, fresh_process):
    site = seeded_site.get_site()
    path = "/managed-services/postgres-tunin/"
    assert "/managed-services/postgres-tuning/" not in suggested(site, path)
    before = route_index.current_generation()
    parent = seeded_site.get_descendants().get(slug="managed-services")
    page = StandardPageFactory(
        parent=parent, slug="postgres-tuning", title="Postgres tuning", live=False
    )
    page.save_revision().publish()
    assert route_index.current_generation() != before
    assert suggest_pages(site=site, path=path)[0] == {
        "title": "Postgres tuning",
        "url": "/managed-services/postgres-tuning/",
    }


@pytest.mark.django_db
def test_a_warm_index_costs_no_query_and_one_cache_read(
    lumen_site, fresh_process, django_assert_max_num_queries, monkeypatch
):
    site = lumen_site  # as Site.find_for_request gives it: root page loaded
    with django_assert_max_num_queries(8):  # builds the route index
        cold = suggest_pages(site=site, path="/managed-services/mysq/")
    reads = []
    real_get = cache.get
    monkeypatch.setattr(
        route_index.cache,
        "get",
        lambda *a, **k: reads.append(a[0]) or real_get(*a, **k),
    )
    with CaptureQueriesContext(connection) as queries:
        warm = suggest_pages(site=site, path="/managed-services/mysq/")
    assert warm == cold and warm[0]["url"] == "/managed-services/mysql/"
    assert len(queries) == 0
    assert reads == [route_index.ROUTES_KEY]


@pytest.mark.django_db
def test_another_process_reads_the_shared_index_without_a_query(
    seeded_site, fresh_process
):
    site = seeded_site.get_site()
    first = site_index(site)
    route_index.forget_local()  # another worker
    with CaptureQueriesContext(connection) as queries:
        second = site_index(site)
    assert len(queries) == 0
    assert second is not first and second.urls == first.urls


@pytest.mark.django_db
def test_the_index_is_built_once_per_generation(
    seeded_site, fresh_process, monkeypatch
):
    built = []
    real_build = route_index.build
    monkeypatch.setattr(
        route_index, "build", lambda g: built.append(g) or real_build(g)
    )
    route_index.for_generation(1)
    route_index.for_generation(1)
    route_index.for_generation(2)
    assert built == [1, 2]


@pytest.mark.django_db
def test_a_404_builds_the_index_once(client, seeded_site, fresh_process, monkeypatch):
    built = []
    real_build = route_index.build
    monkeypatch.setattr(
        route_index, "build", lambda g: built.append(g) or real_build(g)
    )
    for path in ("/managed-services/mysq/", "/managed-servces/apache/", "/mysql/"):
        response = client.get(path)
        assert response.status_code == 404
        assert b'href="/managed-services/' in response.content
    assert len(built) == 1
    with CaptureQueriesContext(connection) as queries:
        client.get("/managed-services/mysqll/")
    assert not [q for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]]
