from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("search/saved/", views.saved_searches, name="list"),
    path("search/saved/<int:pk>/", views.edit_search, name="edit"),
    path("search/saved/<int:pk>/delete/", views.delete_search, name="delete"),
    path("search/saved/<int:pk>/open/", views.open_search, name="open"),
]
