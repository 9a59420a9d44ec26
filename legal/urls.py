from django.urls import path

from legal import api

app_name = "legal"
urlpatterns = [
    path(
        "api/legal/documents/<int:page_id>/",
        api.document_detail,
        name="api_document",
    ),
    path(
        "api/legal/documents/<int:page_id>/versions/<str:label>/",
        api.version_detail,
        name="api_version",
    ),
    path(
        "api/legal/documents/<int:page_id>/diff/<str:from_label>/<str:to_label>/",
        api.version_diff,
        name="api_diff",
    ),
]
