from django.urls import path

from forms import api

app_name = "lumen_forms"

urlpatterns = [
    path("api/forms/<slug:slug>/", api.form_endpoint, name="api_form"),
]
