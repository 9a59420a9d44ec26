"""Build the browser tests' site: the seed, a second DP Exhibit version, a superuser.

Run in the server's environment (``python -m tests.e2e.seed``) so that the test
process itself never opens the database.
"""

import datetime

import django

FORM_MIN_FILL_SECONDS = 1
ADMIN_USERNAME = "e2e-admin"
ADMIN_PASSWORD = "e2e-admin-password"
SECOND_LABEL = "2021-01"
OLD_WORDING = "CenturyLink Services"
NEW_WORDING = "Lumen Services"
NEW_CLAUSE_TEXT = "Customer may request the current list of sub-processors at any time."


def publish_second_version() -> None:
    """Change the live DP Exhibit, then freeze it through the legal app's service."""
    from legal.models import LegalDocumentPage
    from legal.services import publish_version

    page = LegalDocumentPage.objects.get(slug="dp-exhibit")
    if page.versions.filter(label=SECOND_LABEL).exists():
        return
    body = page.body.get_prep_value()
    first = body[0]["value"]["content"][0]
    if OLD_WORDING not in first["value"]:
        raise RuntimeError(f"The DP Exhibit seed no longer says {OLD_WORDING!r}.")
    first["value"] = first["value"].replace(OLD_WORDING, NEW_WORDING)
    body.append(
        {
            "type": "clause",
            "id": "sub-processor-list",
            "value": {
                "title": "Sub-processor list.",
                "content": [
                    {
                        "type": "paragraph",
                        "id": "sub-processor-list-p1",
                        "value": NEW_CLAUSE_TEXT,
                    }
                ],
            },
        }
    )
    page.body = body
    page.save_revision().publish()
    publish_version(
        document=page,
        label=SECOND_LABEL,
        effective_date=datetime.date(2021, 1, 1),
        change_summary="Lumen rebranding and a sub-processor list clause.",
        user=None,
        check_permission=False,
    )


def main() -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_lumen_site", verbosity=0)
    publish_second_version()
    users = get_user_model().objects
    if not users.filter(username=ADMIN_USERNAME).exists():
        users.create_superuser(ADMIN_USERNAME, "e2e@lumen.example", ADMIN_PASSWORD)


if __name__ == "__main__":
    main()
