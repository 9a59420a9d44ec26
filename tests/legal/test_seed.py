import datetime
import html
import re
from pathlib import Path

from wagtail.models import Page, WorkflowPage

from legal.models import LegalDocumentPage, LegalDocumentVersion
from legal.structure import iter_clauses
from lumen_cms.seed import legal as legal_seed

SEED_EXCERPT = Path(__file__).parent / "data" / "seed_dp_exhibit.txt"
REPO = Path(__file__).resolve().parents[2]
SHARED_SEEDS = [
    base / "shared" / "seed" / "lumen-cloud-404.txt" for base in REPO.parents[:2]
]


def _normalise(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    # The source once omits the space after a heading ("RESPONSE.In the event").
    return re.sub(r"\.(?=[A-Z][a-z])", ". ", text).strip()


def _sentences() -> list[str]:
    out = []
    for line in SEED_EXCERPT.read_text(encoding="utf-8").splitlines():
        out.extend(s for s in re.split(r"(?<=[.;:])\s+", _normalise(line)) if s)
    return out


def test_excerpt_is_verbatim_from_the_shared_seed():
    for shared in (p for p in SHARED_SEEDS if p.exists()):
        seed = _normalise(shared.read_text(encoding="utf-8"))
        for line in SEED_EXCERPT.read_text(encoding="utf-8").splitlines():
            assert _normalise(line) in seed
    assert len(_sentences()) > 150


def test_seed_creates_page_under_gdpr_with_version_1(home_page):
    gdpr = home_page.add_child(instance=Page(title="GDPR", slug="gdpr"))
    legal_seed.load(home=home_page)
    page = LegalDocumentPage.objects.get()
    assert page.get_parent().pk == gdpr.pk
    assert page.url == "/gdpr/dp-exhibit/"
    assert page.live
    version = page.current_version()
    assert version.label == "2018-05"
    assert version.effective_date == datetime.date(2018, 5, 25)
    # Its publication date is the original site's, not the day the seed ran.
    assert version.published_at.date() == datetime.date(2018, 5, 25)
    assert version.get_absolute_url() == "/gdpr/dp-exhibit/v/2018-05/"
    assert WorkflowPage.objects.get(page=page).workflow.name == "Legal approval"


def test_seed_falls_back_to_home_and_is_idempotent(home_page):
    legal_seed.load(home=home_page)
    revisions = LegalDocumentPage.objects.get().revisions.count()
    legal_seed.load(home=home_page)
    page = LegalDocumentPage.objects.get()
    assert page.get_parent().pk == home_page.pk
    assert page.revisions.count() == revisions
    assert LegalDocumentVersion.objects.count() == 1


def test_structure_of_seeded_exhibit(home_page):
    legal_seed.load(home=home_page)
    body = LegalDocumentPage.objects.get().current_version().body
    top = [n for n in body["content"] if n["kind"] == "clause"]
    assert [c["title"] for c in top][:3] == [
        "Applicability.", "Definitions.", "Compliance with Data Protection Laws.",
    ]  # fmt: skip
    assert len(top) == 11
    refs = {c["ref"]: c for c in iter_clauses(body["content"])}
    assert refs["4(b)(v)"]["content"][0]["text"].startswith("If and to the extent")
    appendices = [n for n in body["content"] if n["kind"] == "appendix"]
    assert [a["title"] for a in appendices] == ["Appendix 1", "Appendix 2"]
    assert {a["heading"] for a in appendices} == {"Standard Contractual Clauses"}
    app2 = [n for n in appendices[1]["content"] if n["kind"] == "clause"]
    assert [c["number"] for c in app2] == ["1", "2", "3", "4", "5"]
    assert app2[4]["ref"] == "Appendix 2, clause 5"
    assert app2[4]["title"] == "SECURITY INCIDENTS AND RESPONSE."


def test_every_seed_sentence_is_in_version_1_text_and_page(home_page, client):
    legal_seed.load(home=home_page)
    version = LegalDocumentPage.objects.get().current_version()
    text = _normalise(version.rendered_text)
    response = client.get(version.get_absolute_url())
    page_text = _normalise(html.unescape(re.sub(r"<[^>]+>", " ", response.text)))
    missing = [s for s in _sentences() if s not in text]
    assert missing == []
    missing_html = [s for s in _sentences() if s not in page_text]
    assert missing_html == []
