"""A compact status feed for front ends and monitors (one request, no page lookup)."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from resources.models import Incident, StatusDataCenter
from resources.serializers import DataCenterSerializer, IncidentSerializer


@require_GET
def status_summary(request: HttpRequest) -> JsonResponse:
    data_centers = list(StatusDataCenter.objects.all())
    open_incidents = list(
        Incident.objects.open().prefetch_related("affected_data_centers")
    )
    affected = any(dc.status != "operational" for dc in data_centers)
    return JsonResponse(
        {
            "overall_status": "degraded"
            if affected or open_incidents
            else "operational",
            "data_centers": DataCenterSerializer(data_centers, many=True).data,
            "open_incidents": IncidentSerializer(open_incidents, many=True).data,
        }
    )
