"""What `load_lumen_site` last wrote, so that a re-run never overwrites an editor."""

from django.db import models


class SeedRecord(models.Model):
    """One seeded object: the object it became and a digest of each value written.

    A field is the seed's to update only while its current value still has the
    digest stored here; any other value is an editor's and is kept.
    """

    key = models.CharField(max_length=255, unique=True)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    digests = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "seed record"

    def __str__(self) -> str:
        return self.key
