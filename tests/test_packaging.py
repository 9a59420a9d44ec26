"""The wheel ships every app file; the apps stay host-friendly (no reverse-name clash,
index pages anywhere, no import of the reference site)."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

from django.apps import apps

from wagtail.models import Page

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("catalog", "legal", "forms", "resources")
KIT = "lumen_kit"  # plain package the apps share: shipped with them, never installed


def package_files(package: str) -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path in (ROOT / package).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]


def test_package_data_covers_every_non_python_file_of_the_packages():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["packages"]["find"]["include"] == [
        f"{a}*" for a in [*APPS, KIT, "lumen_cms"]
    ]
    package_data = config["package-data"]
    for package in (*APPS, KIT, "lumen_cms"):
        files = [f for f in package_files(package) if not f.endswith(".py")]
        for path in files:
            relative = path.removeprefix(f"{package}/")
            globs = package_data.get(package, [])
            # setuptools' "**" matches across folders, as fnmatch's "*" does.
            assert any(fnmatch(relative, g.replace("**/", "")) or fnmatch(relative, g)
                       for g in globs), f"{path} is not shipped"  # fmt: skip


def test_apps_never_import_the_reference_site():
    for app in (*APPS, KIT):
        for path in package_files(app):
            if path.endswith(".py") and "/migrations/" not in path:
                assert "lumen_cms" not in (ROOT / path).read_text(), path


def test_app_page_types_have_namespaced_reverse_names():
    names = {
        rel.get_accessor_name(): rel.related_model
        for rel in Page._meta.related_objects
        if rel.related_model._meta.app_label in APPS
    }
    for accessor, model in names.items():
        assert accessor.startswith(f"{model._meta.app_label}_"), accessor


@pytest.mark.django_db
def test_index_pages_are_creatable_under_any_page(home_page):
    from tests.lumen_cms.factories import StandardPageFactory

    section = StandardPageFactory(parent=home_page, slug="section")
    for model in apps.get_app_config("resources").get_models():
        if issubclass(model, Page) and model.__name__ == "ArticleIndexPage":
            assert model.can_create_at(home_page) and model.can_create_at(section)


def test_the_kit_is_a_plain_package_not_an_app():
    """Hosts add the four apps only (README's contract): the kit needs no entry."""
    assert not (ROOT / KIT / "apps.py").exists()
    assert not any(config.name == KIT for config in apps.get_app_configs())


@pytest.mark.parametrize(
    "lock", ["requirements.lock", "tools/lighthouse/package-lock.json"]
)
def test_lock_files_name_no_url(lock):
    """Pins only: where packages come from is the installer's configuration."""
    text = (ROOT / lock).read_text()
    assert "://" not in text
    assert "--index-url" not in text and "--extra-index-url" not in text
