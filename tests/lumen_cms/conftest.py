import pytest


@pytest.fixture
def seeded_site(lumen_site):
    """The seeded site's home page (built once per session, see tests/conftest.py)."""
    return lumen_site.root_page.specific
