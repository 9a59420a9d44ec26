"""Catalog fixtures: a small copy of the shipped price sheets (VA1 and AU1) imported."""

import json
import shutil
from pathlib import Path

from django.apps import apps

import pytest

from catalog.models import EstimatorPage
from catalog.services import import_pricing
from tests.catalog.factories import EstimatorPageFactory

SHEETS = Path(__file__).resolve().parents[2] / "catalog" / "data" / "pricing"
BASE_TEMPLATE = "{% block content %}{% endblock %}{% block extra_js %}{% endblock %}"


@pytest.fixture
def price_folder(tmp_path) -> Path:
    folder = tmp_path / "pricing"
    shutil.copytree(SHEETS / "json", folder / "json")
    (folder / "prices").mkdir()
    listing = json.loads((SHEETS / "prices" / "data-center-prices.json").read_text())
    keep = [dc for dc in listing if dc["alias"] in ("VA1", "AU1")]
    (folder / "prices" / "data-center-prices.json").write_text(json.dumps(keep))
    for name in ("va1.json", "au1.json"):
        shutil.copy(SHEETS / "prices" / name, folder / "prices" / name)
    return folder


@pytest.fixture
def prices(db, price_folder):
    return import_pricing(folder=price_folder)


@pytest.fixture
def estimator_page(home_page, prices) -> EstimatorPage:
    return EstimatorPageFactory(parent=home_page)


@pytest.fixture
def chrome_free_templates(settings, tmp_path):
    """Render pages without the shell's chrome when it is not installed here."""
    try:
        apps.get_model("lumen_cms", "SiteChrome")
    except LookupError:
        (tmp_path / "tpl").mkdir()
        (tmp_path / "tpl" / "base.html").write_text(BASE_TEMPLATE)
        settings.TEMPLATES = [
            {
                **settings.TEMPLATES[0],
                "DIRS": [tmp_path / "tpl", *settings.TEMPLATES[0]["DIRS"]],
            }
        ]
