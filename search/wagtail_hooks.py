"""Admin integration: synonyms as a snippet, and the discretion reference beside the fine field."""
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_search, admin_views
from .models import SynonymGroup

register_snippet(SynonymGroup)


@hooks.register("register_admin_viewset")
def register_case_search_for_reviewers():
    """Replaces Wagtail's base page viewset (registered before, with order=-1)."""
    return admin_search.CasebasePageViewSet()


@hooks.register("register_admin_search_area")
def register_case_search_area():
    return admin_search.CaseSearchArea()


@hooks.register("register_admin_urls")
def register_discretion_url():
    return [path("casebase-discretion/<int:page_id>/", admin_views.discretion_panel, name="casebase_discretion")]


@hooks.register("insert_editor_js")
def discretion_beside_fine_field():
    """On a case's edit page, loads the 裁量参考 panel under the fine field (罚款金额). A static
    file, not an inline script: the Content-Security-Policy allows scripts from 'self' only."""
    url = reverse("casebase_discretion", args=[0]).replace("/0/", "/{id}/")
    return format_html('<script src="{}" data-discretion-url="{}"></script>', static("search/discretion_panel.js"), url)
