"""Each app's conf.py: settings with defaults, and what the host's base template has."""

from __future__ import annotations

import pytest

from catalog import conf as catalog_conf
from forms import conf as forms_conf
from legal import conf as legal_conf
from resources import conf as resources_conf

CONFS = (catalog_conf, forms_conf, legal_conf, resources_conf)
PLAIN = "<main>{% block content %}{% endblock %}</main>{% block js %}{% endblock %}"
CHILD = (
    '{% extends "plain.html" %}'
    "{% block js %}{% block extra_js %}{% endblock %}{% endblock %}"
)


@pytest.fixture
def host_templates(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {"plain.html": PLAIN, "child.html": CHILD},
                    )
                ]
            },
        }
    ]
    for conf in CONFS:
        conf.base_blocks.cache_clear()
    yield
    for conf in CONFS:
        conf.base_blocks.cache_clear()


@pytest.mark.parametrize("conf", CONFS, ids=lambda c: c.__name__)
def test_base_template_setting_and_default(settings, conf):
    del settings.LUMEN_BASE_TEMPLATE
    assert conf.base_template() == "base.html"
    settings.LUMEN_BASE_TEMPLATE = "host/base.html"
    assert conf.base_template() == "host/base.html"


@pytest.mark.parametrize("conf", CONFS, ids=lambda c: c.__name__)
def test_base_blocks_follow_extends(host_templates, conf):
    assert conf.base_blocks("plain.html") == {"content", "js"}
    assert conf.base_blocks("child.html") == {"content", "js", "extra_js"}
    assert conf.base_blocks("missing.html") == frozenset()


def test_the_site_base_has_every_block():
    for conf in CONFS:
        assert {"title", "extra_css", "content", "extra_js"} <= conf.base_blocks(
            "base.html"
        )


def test_forms_settings_defaults(settings):
    for name in ("FORMS_RATE_LIMIT", "FORMS_MIN_SUBMIT_SECONDS", "FORMS_TOKEN_MAX_AGE"):
        if hasattr(settings, name):
            delattr(settings, name)
    assert forms_conf.rate_limit() == (10, 600)
    assert forms_conf.min_submit_seconds() == 2
    assert forms_conf.token_max_age() == 7 * 24 * 3600
    settings.FORMS_RATE_LIMIT = (3, 60)
    assert forms_conf.rate_limit() == (3, 60)
