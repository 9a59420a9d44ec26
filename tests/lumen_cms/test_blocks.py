from django.core.exceptions import ValidationError

import pytest

from lumen_cms.blocks import LinkBlock

pytestmark = pytest.mark.django_db


def test_link_needs_a_page_or_an_address(home_page):
    block = LinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "x", "page": None, "url": ""}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "x", "page": home_page.pk, "url": "/a/"}))
    value = block.clean(block.to_python({"title": "", "page": home_page.pk}))
    assert value.href == "/"
    assert value.label == home_page.title


def test_link_to_an_address_needs_a_title_and_a_safe_scheme():
    block = LinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "", "page": None, "url": "/a/"}))
    with pytest.raises(ValidationError):
        block.clean(
            block.to_python({"title": "x", "page": None, "url": "javascript:alert(1)"})
        )
    value = block.clean(
        block.to_python({"title": "Sign in", "page": None, "url": "https://x.test/"})
    )
    assert value.href == "https://x.test/"


def test_optional_link_may_stay_empty():
    block = LinkBlock(required=False)
    value = block.clean(block.to_python({"title": "", "page": None, "url": ""}))
    assert value.href == ""
