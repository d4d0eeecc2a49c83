"""Admin for compilations and disclosure batches: the menu "汇编与公示" of provincial administrators."""
from django.db.models import Count
from django.middleware.csrf import get_token
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from casebase.core.task_recovery import recover_abandoned_tasks

from .models import Compilation, DisclosureBatch
from .tasks import request_build
from .views import download_compilation, retry_compilation


def progress_cell(compilation: Compilation) -> str:
    return format_html(
        '<progress max="100" value="{}" aria-label="进度"></progress> {}%　{}',
        compilation.progress, compilation.progress, compilation.progress_note or compilation.get_status_display(),
    )


def download_cell(compilation: Compilation) -> str:
    links = [
        format_html('<a href="{}">{}</a>', reverse("compilations_download", args=[compilation.pk, fmt]), fmt.upper())
        for fmt in ("pdf", "docx") if compilation.document(fmt)
    ]
    return format_html(" · ".join(["{}"] * len(links)), *links) if links else "—"


class RetryColumn(Column):
    """A 重新生成 button (a POST form) on failed compilations."""

    cell_template_name = "compilations/retry_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(context["request"])
        return context


class CompilationViewSet(SnippetViewSet):
    model = Compilation
    icon = "doc-full-inverse"
    menu_label = "案例汇编"
    add_to_admin_menu = False
    list_display = [
        "title",
        Column("filters", label="收录范围", accessor="filters_label"),
        Column("status", label="状态", accessor="get_status_display"),
        Column("progress", label="进度", accessor=progress_cell),
        Column("documents", label="下载", accessor=download_cell),
        "requested_at",
        RetryColumn("retry", label="操作"),
    ]
    list_filter = ["status", "kind", "year"]

    def get_queryset(self, request):
        # A build whose worker died shows as such here at once, even when no worker runs.
        recover_abandoned_tasks()
        # `filters_label` names the city, industry and violation type of each row.
        return Compilation.objects.select_related("city", "industry", "violation_type")


class DisclosureBatchViewSet(SnippetViewSet):
    model = DisclosureBatch
    icon = "list-ul"
    menu_label = "公示批次"
    list_display = ["title", "published_on", Column("count", label="案例数", accessor="entry_count")]

    def get_queryset(self, request):
        return DisclosureBatch.objects.annotate(entry_count=Count("entries"))


class PublicationViewSetGroup(SnippetViewSetGroup):
    items = (CompilationViewSet, DisclosureBatchViewSet)
    menu_label = "汇编与公示"
    menu_icon = "doc-full-inverse"
    menu_order = 300


register_snippet(PublicationViewSetGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def build_saved_compilation(request, instance):
    if isinstance(instance, Compilation):
        if instance.requested_by_id is None:
            instance.requested_by = request.user
            instance.save(update_fields=["requested_by"])
        request_build(instance)


@hooks.register("register_admin_urls")
def register_download_url():
    return [
        path("compilations/<int:pk>/retry/", retry_compilation, name="compilations_retry"),
        path("compilations/<int:pk>/<str:fmt>/", download_compilation, name="compilations_download"),
    ]
