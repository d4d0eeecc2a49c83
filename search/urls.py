from django.urls import path

from . import api, views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="page"),
    path("search/export.csv", views.export_csv, name="export"),
    path("search/export.<str:fmt>", views.export, name="export_as"),
    path("search/discretion/", views.discretion_page, name="discretion"),
    path("api/v1/search/", api.search, name="api"),
    path("api/v1/suggest/", api.suggestions, name="suggest"),
    path("api/v1/schema/", api.schema, name="schema"),
]
