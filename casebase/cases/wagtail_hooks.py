from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import path, reverse
from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet

from . import admin_views, bulk_hooks, documents, extraction, regions, visibility, widgets  # noqa: F401 (bulk_hooks registers)
from .forms import SUBMISSION_CHECKS_HOOK
from .importer import IMPORT_LOG_ACTION
from .models import CasePage


@hooks.register("register_log_actions")
def register_case_log_actions(actions):
    actions.register_action(IMPORT_LOG_ACTION, "导入并发布", "由批量导入（import_cases 或管理后台）导入并发布")


@hooks.register("register_admin_urls")
def case_admin_urls():
    return [
        path("cases/<int:page_id>/redact/", admin_views.redact, name="cases_redact"),
        path("cases/<int:page_id>/clear-pii/", admin_views.clear_pii, name="cases_clear_pii"),
        path("cases/<int:page_id>/suggestion/", admin_views.decide_suggestion, name="cases_decide_suggestion"),
        path("cases/regions/", regions.children_json, name="cases_region_children"),
    ]


@hooks.register("register_admin_viewset")
def register_industry_chooser():
    return widgets.industry_chooser


@hooks.register(SUBMISSION_CHECKS_HOOK)
def personal_data_resolved(form) -> list[tuple[str, str]]:
    """A case goes to review only once its title and public sections hold no unresolved
    personal data."""
    sections = {name: form.cleaned_data.get(name) or "" for name, _ in extraction.PUBLIC_TEXTS}
    cleared = form.instance.pii_cleared or []
    return [
        (finding.field, f"“{extraction.SECTION_HEADINGS[finding.field]}”含有个人信息：{finding.label}。请脱敏或确认其不属于个人信息后再提交")
        for finding in extraction.personal_data(sections, cleared)
    ]


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def suggest_after_save(request, page):
    if isinstance(page.specific_deferred, CasePage):
        extraction.schedule_suggestions(page.specific)


@hooks.register("before_serve_document")
def documents_of_unpublished_cases_are_private(document, request):
    """Anonymous visitors get the documents of published cases only; users, those they work on."""
    if documents.may_download(request.user, document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    raise Http404("document not available to this user")


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """Wagtail's admin document API lists every document to every admin user; this one lists
    those of the collections the user works in."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=documents.documents_for(self.request.user).values("pk"))


@hooks.register("construct_admin_api", order=100)  # after wagtail.documents registers its own
def scoped_documents_admin_api(router):
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_visible_pages_only(pages, request):
    """Like the page explorer: a city's submitters find their own city and published pages."""
    return visibility.scope_to_visible(pages, request.user)
