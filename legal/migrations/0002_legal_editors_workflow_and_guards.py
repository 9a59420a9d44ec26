"""Legal editors group, the legal-approval workflow and database immutability guards."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Legal editors"
WORKFLOW = "Legal approval"
TABLE = "legal_legaldocumentversion"

SQLITE_UP = [
    f"""CREATE TRIGGER IF NOT EXISTS legal_version_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, 'legal document versions are immutable'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS legal_version_no_update;"]
PG_UP = [
    """CREATE OR REPLACE FUNCTION legal_version_immutable() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'legal document versions are immutable'; END;
    $$ LANGUAGE plpgsql;""",
    f"""CREATE TRIGGER legal_version_no_update BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION legal_version_immutable();""",
]
PG_DOWN = [
    f"DROP TRIGGER IF EXISTS legal_version_no_update ON {TABLE};",
    "DROP FUNCTION IF EXISTS legal_version_immutable();",
]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def add_guards(apps, schema_editor):
    # SQLite gets no DELETE trigger: Django flushes SQLite test databases with DELETE.
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


def create_group_and_workflow(apps, schema_editor):
    for label in ("legal",):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    group, _ = Group.objects.get_or_create(name=GROUP)
    perms = Permission.objects.filter(
        content_type__app_label="legal",
        codename__in=["publish_legaldocumentversion", "view_legaldocumentversion"],
    ) | Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    group.permissions.add(*perms)

    task_ct, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=WORKFLOW).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=WORKFLOW, content_type=task_ct, active=True
        )
    task.groups.add(group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})


def remove_group_and_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=WORKFLOW).delete()
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_guards, drop_guards),
        migrations.RunPython(create_group_and_workflow, remove_group_and_workflow),
    ]
