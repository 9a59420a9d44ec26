"""Unauthenticated requests that once answered 500, with the answer each must get.

Used by the test suite (tests/lumen_cms/test_hostile_input.py, on SQLite and
PostgreSQL) and replayed against a live seeded server by `.ci/api-fuzz`
(`.ci/hostile_probes.py`) before schemathesis runs. Paths are the seeded site's;
`{legal}` stands for the id of its legal document (`with_legal_id`).
"""

from __future__ import annotations

import json
from typing import NamedTuple

DEEP = "[" * 100_000


class Probe(NamedTuple):
    method: str
    path: str
    body: str | None = None
    # The status the site must answer; JSON answers carry {"errors": ...}.
    status: int = 400
    json: bool = True


def _post(slug: str, body: str, status: int = 400) -> Probe:
    return Probe("POST", f"/api/forms/{slug}/", body, status)


PROBES: list[Probe] = [
    # NUL characters (PostgreSQL refuses them in any text): HTML searches and
    # filters find what the rest matches; the API answers 400.
    Probe("GET", "/search/?q=%00", status=200, json=False),
    Probe("GET", "/search/?q=my%00sql", status=200, json=False),
    Probe("GET", "/knowledge-base/?q=%00&category=%00&tag=%00", status=200, json=False),
    Probe("GET", "/gdpr/dp-exhibit/versions/?from=%00&to=2018-05", json=False),
    Probe("GET", "/api/v2/pages/?search=%00"),
    Probe("GET", "/api/v2/pages/?search=mysql%00"),
    Probe("GET", "/api/v2/pages/?title=%00"),
    Probe("GET", "/api/v2/pages/?slug=contact-us%00"),
    Probe("GET", "/api/v2/pages/?type=%00"),
    Probe("GET", "/api/v2/pages/?order=%00"),
    Probe("GET", "/api/v2/pages/?fields=%00"),
    Probe("GET", "/api/v2/pages/?%00=1"),
    Probe("GET", "/api/v2/pages/find/?html_path=/%00"),
    Probe("GET", "/api/v2/pages/find/?html_path=/gdpr/dp-exhibit/v/%00/"),
    Probe("GET", "/api/v2/images/?search=%00"),
    Probe("GET", "/api/v2/images/?title=%00"),
    Probe("GET", "/api/v2/documents/?search=%00"),
    Probe("GET", "/api/legal/documents/{legal}/versions/%00/"),
    Probe("GET", "/api/legal/documents/{legal}/diff/2018-05/%00/"),
    Probe("GET", "/api/forms/contact%00/"),
    # ...and in a path: it names nothing.
    Probe("GET", "/gdpr/dp-exhibit/v/%00/", json=False),
    Probe("GET", "/gdpr/dp-exhibit/diff/%00/2018-05/", json=False),
    Probe("GET", "/%00", json=False),
    Probe("GET", "/no-such-page%00/", json=False),
    # JSON bodies: nested past the parser's recursion, a non-string token, lone
    # surrogates (valid JSON, but no database stores them), NULs.
    _post("contact-us", DEEP),
    _post("contact-us", '{"a":' * 100_000),
    _post("contact-us", json.dumps({"form_token": 123})),
    _post("contact-us", json.dumps({"form_token": [1]})),
    _post("contact-us", json.dumps({"form_token": {"p": 1, "t": 1}})),
    _post("contact-us", '{"name": "\\ud800", "form_token": "x"}'),
    _post("contact-us", '{"\\udfff": "x"}'),
    _post("support", '{"message": ["\\ud800"]}'),
    _post(
        "accept-dp-terms", '{"company": "\\udbff\\udbff", "terms_version": "\\ud800"}'
    ),
    _post("contact-us", json.dumps({"name": "\u0000", "form_token": "\u0000"})),
    Probe("POST", "/api/estimator/", DEEP),
]


def with_legal_id(path: str, legal_id: int) -> str:
    return path.replace("{legal}", str(legal_id))
