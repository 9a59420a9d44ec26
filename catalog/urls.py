from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns: list = [
    path("api/estimator/", views.estimator_api, name="estimator-api"),
    path(
        "api/estimator/compare/",
        views.estimator_compare_api,
        name="estimator-compare-api",
    ),
]
