"""Namespaced reverse names for links to Page (and other shared models).

Only Django's model state changes: reverse names are not stored in the database, so
no table is rebuilt (SQLite would otherwise copy every page table) and no data moves.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('forms', '0002_dptermspage_dptermsfield_dpacceptance'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='datasubjectaction',
                    name='user',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AlterField(
                    model_name='dptermspage',
                    name='page_ptr',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, related_name='%(app_label)s_%(class)s', serialize=False, to='wagtailcore.page'),
                ),
                migrations.AlterField(
                    model_name='formpage',
                    name='page_ptr',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, related_name='%(app_label)s_%(class)s', serialize=False, to='wagtailcore.page'),
                ),
                migrations.AlterField(
                    model_name='submission',
                    name='page',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='forms_submissions', to='wagtailcore.page'),
                ),
            ],
        ),
    ]
