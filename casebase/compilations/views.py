from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from casebase.cases.models import CasePage
from casebase.core.pdf import pdf_response, render_pdf

from .contents import case_entry
from .models import Compilation


@permission_required("compilations.view_compilation", raise_exception=True)
def download_compilation(request, pk: int, fmt: str):
    """A built compilation file, for administrators (the public gets it from a CompilationPage)."""
    return get_object_or_404(Compilation, pk=pk).download(fmt)


@require_POST
@permission_required("compilations.change_compilation", raise_exception=True)
def retry_compilation(request, pk: int):
    """Builds a failed (or interrupted) compilation again."""
    from .tasks import request_build

    compilation = get_object_or_404(Compilation, pk=pk)
    request_build(compilation)
    messages.success(request, f"已重新排队生成：{compilation}")
    return redirect("wagtailsnippets_compilations_compilation:list")


def case_pdf(request, ref: str):
    """A published case as a printable PDF (none for drafts, restricted or withdrawn cases)."""
    case = get_object_or_404(CasePage.objects.published().select_related("province", "city", "county"), ref=ref)
    entry = case_entry(0, case)
    context = {"entry": entry, "document_title": case.title, "case_url": request.build_absolute_uri(case.url)}
    document = render_pdf("compilations/case_pdf.html", context, base_url=request.build_absolute_uri("/"))
    return pdf_response(document, f"{case.ref}.pdf")
