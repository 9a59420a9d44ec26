from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("catalog", "0001_pages"),
    ]

    operations = []
