"""What a data center cannot offer: refused in words, or left out and listed."""

import pytest

from catalog.estimator import parse_request
from catalog.price_tables import PriceTables
from tests.catalog.helpers import INTERNAL, only

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("payload", "path", "words"),
    [
        ({"servers": [{"type": "hyperscale"}]}, "servers[0]",
         "Hyperscale servers are not"),
        ({"bare_metal": [{}]}, "bare_metal[0]", "Bare Metal servers are not"),
        ({"relational_dbs": [{}]}, "relational_dbs[0]", "Relational DB is not"),
        ({"appfog": [{}]}, "appfog[0]", "AppFog is not"),
        ({"servers": [{"os": "windows", "managed": True}]}, "servers[0].managed",
         "Managed operating systems are not"),
    ],
)  # fmt: skip
def test_not_offered_in_a_data_center_names_it_in_words(prices, payload, path, words):
    found, messages = only({"data_center": "AU1", **payload})
    assert found == path
    assert messages[0].startswith(words)
    assert "offered in AU1 (Australia (Sydney)). Available in VA1." in messages[0]
    assert not INTERNAL.search(messages[0]), messages


def test_skip_unavailable_keeps_what_applies_and_lists_the_rest(prices):
    payload = {
        "data_center": "AU1",
        "skip_unavailable": True,
        "servers": [
            {"os": "windows", "managed": True, "managed_apps": [{"key": "iis"}]},
            {"type": "hyperscale"},
        ],
        "bare_metal": [{}],
        "intrusion_prevention": [{}],
    }
    request, errors = parse_request(payload, PriceTables())
    assert errors == {}
    assert len(request.servers) == 1 and not request.servers[0].managed
    assert request.servers[0].managed_apps == []
    assert [len(request.bare_metal), len(request.intrusion_prevention)] == [0, 1]
    assert [(u.path, u.line) for u in request.unavailable] == [
        ("servers[0].managed", "Server 1"),
        ("servers[1]", "Hyperscale server 1"),
        ("bare_metal[0]", "Bare Metal server 1"),
    ]
    assert "Server 1 is priced without management" in request.unavailable[0].reason
