from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from resources.models import Incident, StatusDataCenter


class StatusDataCenterViewSet(SnippetViewSet):
    model = StatusDataCenter
    icon = "site"
    list_display = ["code", "name", "location", "status"]
    list_filter = ["status"]


class IncidentViewSet(SnippetViewSet):
    model = Incident
    icon = "warning"
    list_display = ["title", "state", "impact", "started_at", "resolved_at"]
    list_filter = ["state", "impact"]


class StatusViewSetGroup(SnippetViewSetGroup):
    items = (StatusDataCenterViewSet, IncidentViewSet)
    menu_label = "Status"
    menu_icon = "warning"


register_snippet(StatusViewSetGroup)
