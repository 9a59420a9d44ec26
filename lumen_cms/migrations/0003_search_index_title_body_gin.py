"""GIN index on the search index's `title || body` (PostgreSQL only).

The PostgreSQL search backend filters on `title || body @@ query`, which the per-column
GIN indexes it ships cannot serve: without this index every search scans the table.
SQLite and other databases: nothing to do.
"""

from django.db import migrations

INDEX = "lumen_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("lumen_cms", "0002_roles"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
