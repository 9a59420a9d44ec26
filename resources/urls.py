from django.urls import path

from resources.views import status_summary

app_name = "resources"
urlpatterns = [
    path("api/resources/status/", status_summary, name="status-summary"),
]
