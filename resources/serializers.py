"""API v2 field serializers: HTML for rich text, small dicts for related objects."""

from rest_framework import serializers

from resources.rich_text import expand


class RichTextHTMLField(serializers.Field):
    """Rich text as front-end-ready HTML (internal page/image links expanded)."""

    def to_representation(self, value):
        return expand(value or "", self.context)


class CategorySerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class TagListField(serializers.Field):
    def to_representation(self, value):
        items = value.instance.tagged_items.all()  # uses the API's prefetch
        return sorted(item.tag.name for item in items)


class RelatedArticleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, page) -> str | None:
        return page.get_url()


class DataCenterSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    location = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")


class IncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    state = serializers.CharField()
    impact = serializers.CharField()
    started_at = serializers.DateTimeField()
    resolved_at = serializers.DateTimeField(allow_null=True)
    affected_data_centers = serializers.SerializerMethodField()
    updates = serializers.SerializerMethodField()

    def get_affected_data_centers(self, incident) -> list[str]:
        return [dc.code for dc in incident.affected_data_centers.all()]

    def get_updates(self, incident) -> list[dict]:
        return [
            {
                "posted_at": block.value["posted_at"].isoformat(),
                "message": block.value["message"],
            }
            for block in incident.updates
        ]
