"""Admin wiring of 批量导入 and 案例导出 (imported by wagtail_hooks.py)."""
from urllib.parse import urlencode

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import bulk_tasks, bulk_views
from .models import CaseLibraryPage, CityIndexPage


@hooks.register("register_admin_urls")
def bulk_admin_urls():
    return [
        path("cases/import/", bulk_views.upload, name="cases_bulk_upload"),
        path("cases/import/template.<str:fmt>", bulk_views.template_file, name="cases_bulk_template"),
        path("cases/import/<int:job_id>/", bulk_views.job, name="cases_bulk_job"),
        path("cases/import/<int:job_id>/status/", bulk_views.job_status, name="cases_bulk_job_status"),
        path("cases/import/<int:job_id>/start/", bulk_views.start_import, name="cases_bulk_start"),
        path("cases/export/", bulk_views.export_view, name="cases_bulk_export"),
    ]


class BulkImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bulk_tasks.may_bulk_import(request.user)


@hooks.register("register_admin_menu_item")
def bulk_import_menu_item():
    return BulkImportMenuItem("批量导入", reverse("cases_bulk_upload"), icon_name="upload", order=250)


@hooks.register("register_admin_menu_item")
def export_menu_item():
    return MenuItem("案例导出", reverse("cases_bulk_export"), icon_name="download", order=260)


@hooks.register("register_page_header_buttons")
def export_button(page, user, view_name, next_url=None):
    """"导出案例" on the library and on a city's index page: that listing's cases as a file."""
    specific = page.specific_deferred
    if isinstance(specific, CityIndexPage):
        yield Button("导出案例", reverse("cases_bulk_export") + "?" + urlencode({"city": page.pk}),
                     icon_name="download", priority=17)
    elif isinstance(specific, CaseLibraryPage):
        yield Button("导出案例", reverse("cases_bulk_export"), icon_name="download", priority=17)
