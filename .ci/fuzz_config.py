"""Print a schemathesis.toml naming real identifiers of the seeded site.

Without them most parametrised operations only ever see 404s. Generated strings
include NUL characters (which PostgreSQL refuses: run it there too, see api-fuzz).
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumen_cms.settings.test")

import django

django.setup()

from wagtail.models import Page  # noqa: E402

from legal.models import LegalDocumentPage  # noqa: E402

legal = LegalDocumentPage.objects.live().first()
label = legal.versions.order_by("effective_date").first().label
service = Page.objects.live().get(slug="apache-tomcat").pk
OPERATIONS = {
    "GET /api/v2/pages/{id}/": {"id": service},
    "GET /api/legal/documents/{page_id}/": {"page_id": legal.pk},
    "GET /api/legal/documents/{page_id}/versions/{label}/": {
        "page_id": legal.pk,
        "label": label,
    },
    "GET /api/legal/documents/{page_id}/diff/{from_label}/{to_label}/": {
        "page_id": legal.pk,
        "from_label": label,
        "to_label": label,
    },
    "GET /api/forms/{slug}/": {"slug": "support"},
    "POST /api/forms/{slug}/": {"slug": "contact-us"},
}
sys.stdout.write("[generation]\nallow-x00 = true\n\n")
for name, params in OPERATIONS.items():
    values = ", ".join(
        f"{json.dumps('path.' + key)} = {json.dumps(value)}"
        for key, value in params.items()
    )
    sys.stdout.write(f"[[operations]]\ninclude-name = {json.dumps(name)}\n")
    sys.stdout.write(f"parameters = {{ {values} }}\n\n")
