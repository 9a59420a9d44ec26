"""The "Form administrators" role, created with the app so every host gets it.

It lists, exports and deletes submissions and runs the data-subject and outbox tools;
it may edit this app's form pages but not publish them. Legal editors also list DP
acceptances. Idempotent and conservative: when the group already exists (a site that
created it earlier, or an administrator's own group of that name) nothing is changed,
so rights an administrator has taken away are never given back.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FORM_ADMINISTRATORS = "Form administrators"
LEGAL_EDITORS = "Legal editors"
PERMISSIONS = (
    "view_submission",
    "manage_data_subjects",
    "view_outboundemail",
    "change_outboundemail",
)
FORM_PAGE_MODELS = ("formpage", "dptermspage")


def create_role(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    if Group.objects.filter(name=FORM_ADMINISTRATORS).exists():
        return
    for label in ("wagtailcore", "forms"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)

    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    group = Group.objects.create(name=FORM_ADMINISTRATORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        *Permission.objects.filter(
            content_type__app_label="forms", codename__in=PERMISSIONS
        ),
    )
    change_page = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="change_page"
    ).first()
    if change_page is not None:
        for page in Page.objects.filter(
            content_type__app_label="forms", content_type__model__in=FORM_PAGE_MODELS
        ):
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=change_page
            )
    legal_editors = Group.objects.filter(name=LEGAL_EDITORS).first()
    if legal_editors is not None:
        legal_editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="forms", codename="view_dpacceptance"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0003_namespaced_reverse_names"),
        ("legal", "0002_legal_editors_workflow_and_guards"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Removing the app's migrations keeps the group: its members are an
    # administrator's data.
    operations = [migrations.RunPython(create_role, migrations.RunPython.noop)]
