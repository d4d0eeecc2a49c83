"""Wagtail admin views that take a page id and show the page's title without checking that the
user may see the page: the page chooser browsing a page's children, and the preview of a page's
revision for a workflow task (whose error message names the page). Mounted before Wagtail's
admin URLs (casebase/urls.py) with the same paths, so they answer 404 first."""
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.viewsets.pages import page_viewset_registry

from .visibility import page_must_be_visible


def _scoped(view, page_id_kwarg: str):
    return never_cache(require_admin_access(page_must_be_visible(view, page_id_kwarg)))


urlpatterns = [
    path("admin/choose-page/<int:parent_page_id>/",
         _scoped(chooser.BrowseView.as_view(), "parent_page_id")),
    path("admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
         _scoped(page_viewset_registry.as_view("workflow_preview", page_id_kwarg="page_id"), "page_id")),
]
