"""The Online Estimator page: a GET form whose URL is the estimate, priced by the
API's engine, data-center aware, with errors in the visitor's words."""

import re
from html import unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.models import EstimatorPage
from tests.catalog.factories import EstimatorPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chrome_free_templates")]
STATIC = Path(__file__).resolve().parents[2] / "catalog" / "static" / "catalog"
INTERNAL = re.compile(r"[a-z-]+:[a-z-]+|\w+\[\d+\]")


@pytest.fixture
def page(home_page, prices) -> EstimatorPage:
    return EstimatorPageFactory(parent=home_page)


def text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<option[^>]*>.*?</option>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def total(html: str) -> str:
    return re.search(r'id="est-total-amount">([^<]*)<', html).group(1)


def get(client, page, query: str = "", **headers):
    return client.get(f"{page.url}?{query}" if query else page.url, **headers)


def test_new_visitors_start_from_one_priced_server(client, page):
    response = get(client, page)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form class="est-form" id="estimator-form" method="get"' in html
    assert "csrfmiddlewaretoken" not in html
    assert total(html) == "$63.60"  # (2 x .01 + 4 x .015) x 720 + 50 x .12
    assert (
        'data-canonical="/estimator/?dc=VA1&amp;server1-os=linux&amp;server1-cpu=2'
        in html
    )
    assert "catalog/estimator.js" in html


def test_every_control_has_a_label_and_is_named_as_in_the_url(client, page):
    query = (
        "dc=VA1&server1-os=windows&server1-managed=on&server1-app-ms-sql=1"
        "&db1-type=single&backup1-storage=10&baremetal1-config=1&ips1-quantity=1"
        "&appfog1-memory=512"
    )
    html = get(client, page, query).content.decode()
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


def test_the_url_is_the_estimate(client, page):
    query = "dc=VA1&currency=GBP&support=professional&server1-os=windows&vpn=2"
    html = get(client, page, query).content.decode()
    # Windows 1/1/1: (.01 + .015 + .04) x 720 = 46.80 + .12; VPN 90 -> 136.92
    # support 10 % of (136.92 - licence 28.80) = 10.812; 147.732 x 0.74448
    assert total(html) == "£109.98"
    body = text(html)
    assert "2 × £33.50 a month = £67.00" in body
    assert "Support (Professional) £8.05" in body
    share = re.search(r'id="est-share" readonly value="([^"]+)"', html).group(1)
    assert share.startswith("http://testserver/estimator/?dc=VA1&amp;currency=GBP")
    assert re.search(r"&amp;pb=[0-9a-f]{12}$", share)
    assert "/api/estimator/?dc=VA1&amp;currency=GBP" in html and "format=csv" in html


def test_errors_are_in_the_visitors_words_and_link_to_their_fields(client, page):
    query = "dc=VA1&server1-os=linux&server1-cpu=99&server1-managed=on&db1-cpu=x"
    response = get(client, page, query)
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


def test_a_data_center_that_lacks_products_explains_and_keeps_the_lines(client, page):
    query = (
        "dc=AU1&server1-os=windows&server1-managed=on&server1-app-iis=1"
        "&hyperscale1-os=linux&baremetal1-config=2&ips1-quantity=1"
    )
    response = get(client, page, query)
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
    html_va1 = get(client, page, query.replace("AU1", "VA1")).content.decode()
    assert "not offered" not in text(html_va1)
    assert total(html_va1) != total(html)


def test_remove_takes_the_line_away_and_redirects_to_the_estimate(client, page):
    query = "dc=VA1&server1-os=linux&server2-os=redhat&server2-cpu=3&remove=server1"
    response = get(client, page, query)
    assert response.status_code == 303
    assert (
        response["Location"]
        == "/estimator/?dc=VA1&server1-os=redhat&server1-cpu=3#estimator-form"
    )
    html = client.get(response["Location"]).content.decode()
    assert html.count('class="est-line"') == 1
    assert 'id="server2-os"' not in html
    assert " hidden" not in re.search(r'<fieldset class="est-line".*?>', html).group(0)


def test_add_lines_and_several_managed_apps_each_priced(client, page):
    response = get(client, page, "dc=VA1&server1-os=windows&add=server")
    assert response["Location"].endswith("&server2-os=linux#server2")
    query = "dc=VA1&server1-os=windows&server1-managed=on&server1-app-iis=1"
    response = get(client, page, f"{query}&server1-add_app=ms-sql&add=server1-app")
    assert response.status_code == 303
    location = response["Location"]
    assert "server1-app-iis=1&server1-app-ms-sql=1" in location
    html = client.get(location).content.decode()
    apps = re.findall(r'<fieldset class="est-app" id="([^"]+)-row">', html)
    assert apps == ["server1-app-iis", "server1-app-ms-sql"]
    body = text(html)
    assert "Managed Microsoft IIS $151.20 a month" in body  # .21 x 720
    # .48 x 720 + Standard Edition .1083 x 1 vCPU x 720
    assert "Managed Microsoft SQL Server" in body and "$423.58 a month" in body
    chooser = re.search(r'<select id="server1-add_app".*?</select>', html, re.S).group(
        0
    )
    assert "Managed Active Directory" in chooser and "Managed MySQL" not in chooser


def test_subtotals_unit_prices_assumptions_and_support_plans(client, page):
    query = (
        "dc=VA1&support=enterprise&server1-os=linux&server1-cpu=2&vpn=3&bandwidth=100"
    )
    html = get(client, page, query).content.decode()
    body = text(html)
    assert re.search(
        r'id="subtotal-servers">Subtotal <span class="est-amount">\$25.32', html
    )
    assert "Subtotal $135.00" in body  # network services: 3 x 45
    assert "3 × $45.00 a month = $135.00" in body
    assert "2 vCPU × $0.01 an hour × 720 h = $14.40" in body
    assert "A month has 720 hours, 30.42 days and 4.35 weeks" in body
    plans = re.search(r'id="support-plans".*?</section>', html, re.S).group(0)
    plans_text = text(plans)
    assert (
        "Cost for this estimate $0.00 a month $16.53 a month $16.53 a month"
        in plans_text
    )
    assert "10% of monthly usage from $0 to $10,000" in plans_text
    assert (
        "Response time (SLA) Under 8 hours Under 60 minutes Under 30 minutes"
        in plans_text
    )


def test_compare_data_centers_on_the_page(client, page):
    html = get(client, page, "dc=AU1&hyperscale1-os=linux&ips1-quantity=1&compare=1")
    html = html.content.decode()
    table = re.search(r'id="compare".*?</section>', html, re.S).group(0)
    rows = re.findall(r'<th scope="row">([A-Z0-9]+) –', table)
    assert rows == ["VA1", "AU1"]
    assert "Hyperscale servers are not offered in AU1" in text(table)
    assert (
        'href="/estimator/?dc=VA1&amp;hyperscale1-os=linux&amp;ips1-quantity=1"'
        in table
    )


def test_old_links_say_prices_have_changed(client, page):
    html = get(client, page, "dc=VA1&server1-os=linux&pb=0123456789ab").content.decode()
    assert "Prices have changed since this estimate was shared" in text(html)
    current = re.search(r"price book ([0-9a-f]{12})", html).group(1)
    html = get(client, page, f"dc=VA1&server1-os=linux&pb={current}").content.decode()
    assert "Prices have changed" not in html


def test_partial_responses_for_the_script_and_cache_headers(client, page):
    response = get(
        client, page, "dc=VA1&server1-os=linux", HTTP_X_ESTIMATOR_PARTIAL="1"
    )
    html = response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert html.lstrip().startswith('<div class="est" id="estimator-app"')
    response = get(client, page, "dc=VA1&server1-os=linux")
    assert "private" in response["Cache-Control"]


def test_hostile_values_are_escaped_and_never_500(client, page):
    query = (
        "dc=%3Cscript%3E&server1-os=%3Cb%3E&server1-cpu=%3Cscript%3Ex&vpn=1e999&pb=zz"
    )
    response = get(client, page, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>x" not in html and "&lt;script&gt;x" in html


def test_page_query_budget(client, page, django_assert_max_num_queries):
    get(client, page, "dc=VA1&server1-os=linux")
    with django_assert_max_num_queries(6):
        get(client, page, "dc=VA1&server1-os=windows&db1-type=single&compare=1")


def test_print_layout_and_hidden_lines():
    css = (STATIC / "estimator.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert ".est-main" in print_rules and "display: none !important" in print_rules
    assert ".estimator [hidden] { display: none !important; }" in css


PARAM_NAMES = [
    "dc", "currency", "support", "pb", "add", "remove", "compare",
    "server1-os", "server1-cpu", "server1-managed", "server1-app-ms-sql",
    "server1-app-ms-sql-software", "server1-add_app", "server2-quantity",
    "hyperscale1-storage", "db1-type", "backup1-daily_add_percent", "baremetal1-config",
    "ips1-usage_period", "appfog1-memory", "vpn", "bandwidth", "server0-cpu", "x",
]  # fmt: skip
VALUES = st.one_of(
    st.sampled_from(
        ["", "1", "0", "on", "VA1", "AU1", "EUR", "windows", "hyperscale", "server",
         "server1", "server1-app", "server1-app-ms-sql", "ms-sql", "1e999", "-1", "NaN"]
    ),
    st.text(max_size=12),
)  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(params=st.dictionaries(st.sampled_from(PARAM_NAMES), VALUES, max_size=8))
def test_any_query_renders_or_redirects_never_500(client, page, params):
    response = client.get(page.url, params)
    assert response.status_code in (200, 303)
