"""The estimator's form: every control labelled and named as in the URL, errors in
the visitor's words linked to their fields, what a data center lacks explained."""

import re
from html import unescape
from pathlib import Path

import pytest

from tests.catalog.helpers import INTERNAL, get, text, total

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chrome_free_templates")]
STATIC = Path(__file__).resolve().parents[2] / "catalog" / "static" / "catalog"


def test_every_control_has_a_label_and_is_named_as_in_the_url(client, estimator_page):
    query = (
        "dc=VA1&server1-os=windows&server1-managed=on&server1-app-ms-sql=1"
        "&db1-type=single&backup1-storage=10&baremetal1-config=1&ips1-quantity=1"
        "&appfog1-memory=512"
    )
    html = get(client, estimator_page, query).content.decode()
    labels = set(re.findall(r'<label for="([^"]+)"', html))
    controls = re.findall(
        r'<(?:input|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', html
    )
    assert len(controls) > 40
    assert set(controls) <= labels
    for name, id_ in re.findall(
        r'<(?:input|select)[^>]*name="([^"]+)"[^>]*id="([^"]+)"', html
    ):
        assert name == id_
    assert 'aria-live="polite"' in html


def test_errors_are_in_the_visitors_words_and_link_to_their_fields(
    client, estimator_page
):
    query = "dc=VA1&server1-os=linux&server1-cpu=99&server1-managed=on&db1-cpu=x"
    response = get(client, estimator_page, query)
    assert response.status_code == 200
    html = response.content.decode()
    summary = re.search(r'<div class="est-error-summary".*?</div>', html, re.S).group(0)
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert [(href, unescape(message)) for href, message in links] == [
        ("server1-cpu", "Server 1, vCPU: Enter a whole number from 1 to 16."),
        (
            "server1-managed",
            "Server 1, Managed operating system: Only Red Hat Enterprise Linux and"
            " Windows servers can be managed.",
        ),
        ("db1-cpu", "Relational DB 1, vCPU: Enter a whole number from 1 to 16."),
    ]
    for href, _ in links:
        assert f'id="{href}"' in html
    assert (
        'aria-invalid="true" aria-describedby' not in html
        or "server1-cpu-error" in html
    )
    messages = re.findall(r'class="est-field__error"[^>]*>([^<]*)<', html)
    assert messages and not any(INTERNAL.search(m) for m in messages + [summary])
    assert 'value="99"' in html  # what was typed is kept


def test_a_data_center_that_lacks_products_explains_and_keeps_the_lines(
    client, estimator_page
):
    query = (
        "dc=AU1&server1-os=windows&server1-managed=on&server1-app-iis=1"
        "&hyperscale1-os=linux&baremetal1-config=2&ips1-quantity=1"
    )
    response = get(client, estimator_page, query)
    assert response.status_code == 200
    html = response.content.decode()
    body = text(html)
    assert "Hyperscale servers are not offered in AU1 (Australia (Sydney))." in body
    assert "Bare Metal servers: not offered in AU1" in body
    assert "Server 1 is priced without management or managed applications." in body
    assert 'id="hyperscale1-os"' in html and 'id="baremetal1-config"' in html
    # AU1 prices a plain Windows server and IPS: (.0115+.0173+.04) x 720 + .1368 + 50.40
    assert total(html) == "$100.07"
    assert "disabled>Add a Bare Metal server" in html
    html_va1 = get(client, estimator_page, query.replace("AU1", "VA1")).content.decode()
    assert "not offered" not in text(html_va1)
    assert total(html_va1) != total(html)


def test_print_layout_and_hidden_lines():
    css = (STATIC / "estimator.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert ".est-main" in print_rules and "display: none !important" in print_rules
    assert ".estimator [hidden] { display: none !important; }" in css
