from io import StringIO

from django.core.management import CommandError, call_command

from wagtail.images import get_image_model
from wagtail.models import Page

import pytest

from resources.ctl_docs.importer import import_folder
from resources.ctl_docs.parsing import MalformedDocument, parse_date, parse_header
from resources.models import ArticleCategory, ArticlePage

pytestmark = pytest.mark.django_db


def test_header_parsing_and_dates():
    header, body = parse_header('{{{\n "title": "T", "date": "8-11-2015"\n}}}\nBody')
    assert header["title"] == "T" and body.strip() == "Body"
    assert parse_date("8-11-2015").isoformat() == "2015-08-11"
    assert parse_date("04-02-2015").isoformat() == "2015-04-02"
    assert parse_date("31-31-2015") is None
    with pytest.raises(MalformedDocument, match="no"):
        parse_header("# plain markdown")
    with pytest.raises(MalformedDocument, match="title"):
        parse_header('{{{ "date": "1-1-2015" }}}')


def test_import_creates_pages_categories_images_and_reports_skips(corpus, docs_index):
    report = import_folder(corpus, index=docs_index)

    assert report.created == 4
    sources = dict(report.skipped)
    assert set(sources) == {"README.md", "Servers/broken.md", "Servers/untitled.md"}
    assert "header is not valid JSON" in sources["Servers/broken.md"]
    assert sources["Servers/untitled.md"] == "header has no title"
    assert (
        "Servers/create-server.md",
        "missing image ../images/does-not-exist.png",
    ) in (report.warnings)
    # index.md order first, then the rest alphabetically.
    assert list(
        ArticleCategory.objects.filter(page=docs_index).values_list("name", flat=True)
    ) == ["Servers", "Authentication", "Networks"]
    # Two files with identical bytes become one image.
    assert get_image_model().objects.count() == 1

    page = ArticlePage.objects.get(source_path="Servers/create-server.md")
    assert page.live and page.revisions.count() == 1
    assert page.get_parent().pk == docs_index.pk
    assert page.date.isoformat() == "2015-04-02" and page.author == "Jared"
    assert page.summary == "Create a server." and page.category.name == "Servers"
    assert page.thumbnail is not None
    assert [t.name for t in page.tags.all()] == ["Servers"]
    kinds = [block.block_type for block in page.body]
    assert kinds == ["rich_text", "image", "table", "code", "rich_text"]
    html = page.body[0].value.source
    assert "<h2>Create a server</h2>" in html
    # Links to imported files point at their pages; unknown ones keep only their text.
    assert 'href="/api-docs/authentication-login/#token"' in html
    assert "elsewhere" in html and "nowhere.md" not in html
    assert page.body[2].value["data"] == [["Name", "Type"], ["name", "string"]]
    assert page.body[3].value["language"] == "json"
    tail = page.body[4].value.source
    assert "<script" not in tail and "alert" not in tail and "onclick" not in tail

    login = ArticlePage.objects.get(source_path="Authentication/login.md")
    code = [b.value for b in login.body if b.block_type == "code"]
    assert code[0]["code"] == "POST /v2/authentication/login"
    # Same file name in two categories: the second gets its category as prefix.
    assert {login.slug, ArticlePage.objects.get(title="Network login").slug} == {
        "authentication-login",
        "networks-login",
    }

    power = ArticlePage.objects.get(source_path="Servers/power.md")
    assert [p.pk for p in ArticlePage.objects.search("web01")] == [page.pk]
    assert power.date is None
    power_html = "".join(str(b.render()) for b in power.body)
    assert "javascript:" not in power_html and "iframe" not in power_html
    assert [b.block_type for b in power.body] == ["rich_text", "image"]


def test_reimport_is_idempotent_and_updates_changed_files(corpus, docs_index):
    import_folder(corpus, index=docs_index)
    pages = ArticlePage.objects.count()
    again = import_folder(corpus, index=docs_index)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert ArticlePage.objects.count() == pages
    assert get_image_model().objects.count() == 1

    path = corpus / "Authentication" / "login.md"
    path.write_text(path.read_text().replace("Get a", "Obtain a"))
    third = import_folder(corpus, index=docs_index)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 3)
    login = ArticlePage.objects.get(source_path="Authentication/login.md")
    assert "Obtain a" in login.body[0].value.source
    assert login.revisions.count() == 2


def test_command_prints_summary_and_rejects_bad_targets(corpus, docs_index, home_page):
    out = StringIO()
    call_command("import_ctl_docs", str(corpus), "--into", "/api-docs/", stdout=out)
    text = out.getvalue()
    assert "4 created" in text and "Skipped 3 files" in text
    assert "Servers/broken.md: header is not valid JSON" in text
    with pytest.raises(CommandError, match="No page"):
        call_command("import_ctl_docs", str(corpus), "--into", "/nope/")
    with pytest.raises(CommandError, match="not an index"):
        call_command("import_ctl_docs", str(corpus), "--into", str(home_page.pk))
    with pytest.raises(CommandError, match="not a folder"):
        call_command("import_ctl_docs", str(corpus / "missing"), "--into", "/api-docs/")


def test_import_keeps_editor_pages_with_the_same_slug(corpus, docs_index):
    docs_index.add_child(instance=Page(title="Editor page", slug="power"))
    import_folder(corpus, index=docs_index)
    assert ArticlePage.objects.get(source_path="Servers/power.md").slug == "power-2"


def test_command_without_the_docs_import_extra_says_what_to_install(
    monkeypatch, docs_index, corpus
):
    import sys

    monkeypatch.setitem(sys.modules, "markdown", None)  # not installed
    for module in ("resources.ctl_docs.importer", "resources.ctl_docs.parsing"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    with pytest.raises(CommandError, match=r"needs 'markdown'.*docs-import"):
        call_command("import_ctl_docs", str(corpus), into=str(docs_index.pk))
    assert not ArticlePage.objects.exists()
