"""Admin integration: the discretion reference (裁量参考) beside the case editor's fine field."""
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_discretion_url():
    return [path("casebase-discretion/<int:page_id>/", admin_views.discretion_panel, name="casebase_discretion")]


@hooks.register("insert_editor_js")
def discretion_beside_fine_field():
    """On a case's edit page, loads the 裁量参考 panel under the fine field (罚款金额). A static
    file, not an inline script: the Content-Security-Policy allows scripts from 'self' only."""
    url = reverse("casebase_discretion", args=[0]).replace("/0/", "/{id}/")
    return format_html('<script src="{}" data-discretion-url="{}"></script>', static("precedents/discretion_panel.js"), url)
