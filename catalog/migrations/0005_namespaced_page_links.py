"""Namespaced reverse names for links to Page (and other shared models).

Only Django's model state changes: reverse names are not stored in the database, so
no table is rebuilt (SQLite would otherwise copy every page table) and no data moves.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0004_estimator_price_book_exact_rates_support'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='estimatorpage',
                    name='page_ptr',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, related_name='%(app_label)s_%(class)s', serialize=False, to='wagtailcore.page'),
                ),
                migrations.AlterField(
                    model_name='pricingcatalogpage',
                    name='page_ptr',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, related_name='%(app_label)s_%(class)s', serialize=False, to='wagtailcore.page'),
                ),
                migrations.AlterField(
                    model_name='productcategorypage',
                    name='page_ptr',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, related_name='%(app_label)s_%(class)s', serialize=False, to='wagtailcore.page'),
                ),
                migrations.AlterField(
                    model_name='servicepage',
                    name='page_ptr',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, related_name='%(app_label)s_%(class)s', serialize=False, to='wagtailcore.page'),
                ),
            ],
        ),
    ]
