from django.urls import path

from . import views

urlpatterns = [path("cases/pdf/<str:ref>/", views.case_pdf, name="case_pdf")]
