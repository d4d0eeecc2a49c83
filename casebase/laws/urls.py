from django.urls import path

from . import views

app_name = "laws"

urlpatterns = [
    path("", views.law_index, name="index"),
    path("<str:law>/", views.law_latest, name="latest"),
    path("<str:law>/<str:version>/", views.law_version, name="version"),
]
