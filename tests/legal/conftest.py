import datetime

import pytest

from legal.services import ensure_legal_approval
from tests.legal.factories import LegalDocumentPageFactory, UserFactory, publish


@pytest.fixture
def document(home_page):
    page = LegalDocumentPageFactory(parent=home_page, slug="dp-exhibit")
    page.save_revision().publish()
    page.refresh_from_db()
    ensure_legal_approval(page=page)  # what the after_create_page hook does
    return page


@pytest.fixture
def version1(document):
    return publish(document, "2018-05", datetime.date(2018, 5, 25))


@pytest.fixture
def legal_editor(db):
    return UserFactory(is_staff=True, groups=["Legal editors"])


@pytest.fixture
def plain_editor(db):
    return UserFactory(is_staff=True, groups=["Editors"])
