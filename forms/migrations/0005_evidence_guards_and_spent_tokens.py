"""Acceptance records as evidence; single-use form tokens; DP terms pages under
legal approval.

- DPAcceptance.page is PROTECTed (a deleted page no longer rewrites rows through
  SET_NULL) and a database trigger refuses UPDATE (and DELETE on PostgreSQL), like
  legal versions (legal/0002). SQLite keeps DELETE: Django flushes SQLite test
  databases with it.
- SpentFormToken records used form tokens (forms.spam).
- Existing DP terms pages join the "Legal approval" workflow, and Legal editors get
  the page rights approvers need (new pages get both from legal.signals).
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "forms_dpacceptance"
SQLITE_UP = [
    f"""CREATE TRIGGER IF NOT EXISTS forms_dpacceptance_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'DP acceptance records are append-only'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS forms_dpacceptance_no_update;"]
PG_UP = [
    """CREATE OR REPLACE FUNCTION forms_dpacceptance_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'DP acceptance records are append-only'; END;
    $$ LANGUAGE plpgsql;""",
    f"""CREATE TRIGGER forms_dpacceptance_no_update BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION forms_dpacceptance_append_only();""",
]
PG_DOWN = [
    f"DROP TRIGGER IF EXISTS forms_dpacceptance_no_update ON {TABLE};",
    "DROP FUNCTION IF EXISTS forms_dpacceptance_append_only();",
]
LEGAL_EDITORS = "Legal editors"
LEGAL_WORKFLOW = "Legal approval"
LEGAL_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def add_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_UP)
    elif vendor == "postgresql":
        _run(schema_editor, PG_UP)


def drop_guards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DOWN)
    elif vendor == "postgresql":
        _run(schema_editor, PG_DOWN)


def dp_pages_under_legal_approval(apps, schema_editor):
    DPTermsPage = apps.get_model("forms", "DPTermsPage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    group = Group.objects.filter(name=LEGAL_EDITORS).first()
    workflow = Workflow.objects.filter(name=LEGAL_WORKFLOW, active=True).first()
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=LEGAL_PAGE_PERMISSIONS
        )
    )
    for page in DPTermsPage.objects.all():
        if group is not None:
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=page.pk, permission=permission
                )
        if workflow is not None and not WorkflowPage.objects.filter(page_id=page.pk):
            WorkflowPage.objects.create(page_id=page.pk, workflow=workflow)


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0004_form_administrators_role"),
        ("legal", "0002_legal_editors_workflow_and_guards"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="SpentFormToken",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("digest", models.CharField(max_length=64, unique=True)),
                ("spent_at", models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={"verbose_name": "spent form token"},
        ),
        migrations.AlterField(
            model_name="dpacceptance",
            name="page",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="forms.dptermspage"),
        ),
        migrations.RunPython(add_guards, drop_guards),
        migrations.RunPython(dp_pages_under_legal_approval, migrations.RunPython.noop),
    ]
