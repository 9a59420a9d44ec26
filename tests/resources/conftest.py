"""Resources fixtures: chrome stub, a small ctl.io-format corpus, indexes."""

import base64
from pathlib import Path

from django.apps import apps

import pytest

from tests.resources.factories import ArticleIndexPageFactory

HERE = Path(__file__).parent
# A 1×1 PNG: real image bytes so Pillow can read the size.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture(autouse=True)
def _chrome(settings):
    """Until the shell's site settings exist, render page templates in a bare chrome."""
    try:
        apps.get_model("lumen_cms", "SiteChrome")
    except LookupError:
        settings.TEMPLATES = [
            {
                **settings.TEMPLATES[0],
                "DIRS": [HERE / "templates", *settings.TEMPLATES[0]["DIRS"]],
            }
        ]


@pytest.fixture
def docs_index(home_page):
    return ArticleIndexPageFactory(
        parent=home_page, title="API Documentation", slug="api-docs"
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A folder in the ctl.io format: categories, images, and deliberately bad files."""
    root = tmp_path / "docs"
    write(
        root / "index.md",
        '{{{\n  "category_order": ["Servers", "Authentication"]\n}}}\n',
    )
    write(root / "README.md", "# Repository readme without a header\n")
    (root / "images").mkdir(parents=True)
    (root / "images" / "server-menu.png").write_bytes(PNG)
    (root / "images" / "same-bytes.png").write_bytes(PNG)
    write(
        root / "Authentication" / "login.md",
        '{{{\n  "title": "Login",\n  "date": "8-11-2015",\n  "author": "Jane Doe",\n'
        '  "attachments": []\n}}}\n\nGet a **token**.\n\n'
        "    POST /v2/authentication/login\n",
    )
    write(
        root / "Servers" / "create-server.md",
        """{{{
  "title": "Create Server",
  "date": "04-02-2015",
  "author": "Jared",
  "attachments": [],
  "related_products": ["Servers"],
  "preview": "Create a server.",
  "thumbnail": "../images/server-menu.png",
  "contentIsHTML": false
}}}

# Create a server

Calls need a token from the [Login API](../Authentication/login.md#token)
and see [elsewhere](../Missing/nowhere.md).

![server menu](../images/server-menu.png)

![gone](../images/does-not-exist.png)

| Name | Type |
| --- | --- |
| name | string |

```json
{"name": "web01"}
```

<script>alert("x")</script><p onclick="steal()">Click</p>
""",
    )
    write(
        root / "Servers" / "power.md",
        '{{{\n  "title": "Power",\n  "date": "not a date",\n'
        '  "contentIsHTML": true\n}}}\n'
        '<div><h1>Power</h1><p>On <a href="javascript:alert(1)">and</a> off'
        '<img src="../images/same-bytes.png" alt="same"></p>'
        '<iframe src="https://evil.example"></iframe></div>',
    )
    write(
        root / "Servers" / "broken.md",
        '{{{\n  "title": "Broken",\n  "date": \n}}}\nText',
    )
    write(root / "Servers" / "untitled.md", '{{{\n  "date": "01-01-2015"\n}}}\nText')
    write(
        root / "Networks" / "login.md",
        '{{{\n  "title": "Network login"\n}}}\nSame stem.',
    )
    return root
