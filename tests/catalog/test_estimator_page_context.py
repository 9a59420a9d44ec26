"""The Online Estimator page: a GET form whose URL is the estimate, priced by the
API's engine; Add and Remove redirect to the estimate's canonical URL."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.catalog.helpers import get, text, total

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("chrome_free_templates")]


def test_new_visitors_start_from_one_priced_server(client, estimator_page):
    response = get(client, estimator_page)
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


def test_the_url_is_the_estimate(client, estimator_page):
    query = "dc=VA1&currency=GBP&support=professional&server1-os=windows&vpn=2"
    html = get(client, estimator_page, query).content.decode()
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


def test_remove_takes_the_line_away_and_redirects_to_the_estimate(
    client, estimator_page
):
    query = "dc=VA1&server1-os=linux&server2-os=redhat&server2-cpu=3&remove=server1"
    response = get(client, estimator_page, query)
    assert response.status_code == 303
    assert (
        response["Location"]
        == "/estimator/?dc=VA1&server1-os=redhat&server1-cpu=3#estimator-form"
    )
    html = client.get(response["Location"]).content.decode()
    assert html.count('class="est-line"') == 1
    assert 'id="server2-os"' not in html
    assert " hidden" not in re.search(r'<fieldset class="est-line".*?>', html).group(0)


def test_add_lines_and_several_managed_apps_each_priced(client, estimator_page):
    response = get(client, estimator_page, "dc=VA1&server1-os=windows&add=server")
    assert response["Location"].endswith("&server2-os=linux#server2")
    query = "dc=VA1&server1-os=windows&server1-managed=on&server1-app-iis=1"
    response = get(
        client, estimator_page, f"{query}&server1-add_app=ms-sql&add=server1-app"
    )
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


def test_subtotals_unit_prices_assumptions_and_support_plans(client, estimator_page):
    query = (
        "dc=VA1&support=enterprise&server1-os=linux&server1-cpu=2&vpn=3&bandwidth=100"
    )
    html = get(client, estimator_page, query).content.decode()
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


def test_compare_data_centers_on_the_page(client, estimator_page):
    html = get(
        client, estimator_page, "dc=AU1&hyperscale1-os=linux&ips1-quantity=1&compare=1"
    )
    html = html.content.decode()
    table = re.search(r'id="compare".*?</section>', html, re.S).group(0)
    rows = re.findall(r'<th scope="row">([A-Z0-9]+) –', table)
    assert rows == ["VA1", "AU1"]
    assert "Hyperscale servers are not offered in AU1" in text(table)
    assert (
        'href="/estimator/?dc=VA1&amp;hyperscale1-os=linux&amp;ips1-quantity=1"'
        in table
    )


def test_old_links_say_prices_have_changed(client, estimator_page):
    html = get(
        client, estimator_page, "dc=VA1&server1-os=linux&pb=0123456789ab"
    ).content.decode()
    assert "Prices have changed since this estimate was shared" in text(html)
    current = re.search(r"price book ([0-9a-f]{12})", html).group(1)
    html = get(
        client, estimator_page, f"dc=VA1&server1-os=linux&pb={current}"
    ).content.decode()
    assert "Prices have changed" not in html


def test_hostile_values_are_escaped_and_never_500(client, estimator_page):
    query = (
        "dc=%3Cscript%3E&server1-os=%3Cb%3E&server1-cpu=%3Cscript%3Ex&vpn=1e999&pb=zz"
    )
    response = get(client, estimator_page, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>x" not in html and "&lt;script&gt;x" in html


def test_page_query_budget(client, estimator_page, django_assert_max_num_queries):
    get(client, estimator_page, "dc=VA1&server1-os=linux")
    with django_assert_max_num_queries(6):
        get(
            client,
            estimator_page,
            "dc=VA1&server1-os=windows&db1-type=single&compare=1",
        )


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
def test_any_query_renders_or_redirects_never_500(client, estimator_page, params):
    response = client.get(estimator_page.url, params)
    assert response.status_code in (200, 303)
