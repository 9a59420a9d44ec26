"""The request as a whole: bounded work for huge lists of lines or services."""

import json

import pytest

from tests.catalog.helpers import errors_of

pytestmark = pytest.mark.django_db


def test_twenty_thousand_unknown_services_give_one_short_message(prices, client):
    payload = {"services": {f"x{i}": 1 for i in range(20000)}}
    response = client.post(
        "/api/estimator/", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 400
    assert len(response.content) < 500
    assert "and 19,995 more" in response.json()["errors"]["services"][0]


def test_lines_are_capped(prices, django_assert_max_num_queries):
    payload = {"servers": [{}] * 30, "intrusion_prevention": [{}] * 21}
    errors = errors_of(payload)
    assert errors == {
        "non_field_errors": ["An estimate can have at most 50 lines; this one has 51."]
    }
    assert errors_of({"servers": [{}] * 50}) == {}
