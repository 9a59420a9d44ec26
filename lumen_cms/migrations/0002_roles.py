"""The site's editorial policy for Wagtail's "Editors" group: publish anywhere.

"Editors" and "Moderators" come from Wagtail's own migrations; the apps create their
own roles ("Legal editors" in legal/0002, "Form administrators" in forms/0004, which
does nothing where this migration created that group before it moved to the app).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
EDITOR_COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}


def _permissions(Permission, app_label, codenames):
    return Permission.objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )


def create_roles(apps, schema_editor):
    for label in ("wagtailcore", "wagtailimages", "wagtaildocs"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    access_admin = _permissions(Permission, "wagtailadmin", ["access_admin"])

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*access_admin)
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        for permission in _permissions(Permission, "wagtailcore", EDITOR_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=permission
            )
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for app_label, codenames in EDITOR_COLLECTION_PERMISSIONS.items():
            for permission in _permissions(Permission, app_label, codenames):
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=root_collection, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("lumen_cms", "0001_initial"),
        ("legal", "0002_legal_editors_workflow_and_guards"),
        ("forms", "0002_dptermspage_dptermsfield_dpacceptance"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
