import pytest

from lumen_cms.seed.site import ensure_home, load_navigation, load_pages


@pytest.fixture
def seeded_site(db):
    """The shell's part of the seeded site (no other app steps)."""
    home = ensure_home()
    load_pages(home=home)
    load_navigation(home=home)
    return home
