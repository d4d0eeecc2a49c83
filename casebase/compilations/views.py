from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404

from casebase.cases.models import CasePage
from casebase.core.pdf import pdf_response, render_pdf

from .contents import case_entry
from .models import Compilation


@permission_required("compilations.view_compilation", raise_exception=True)
def download_compilation(request, pk: int, fmt: str):
    """A built compilation file, for administrators (the public gets it from a CompilationPage)."""
    return get_object_or_404(Compilation, pk=pk).download(fmt)


def case_pdf(request, ref: str):
    """A published case as a printable PDF (none for drafts, restricted or withdrawn cases)."""
    case = get_object_or_404(CasePage.objects.published().select_related("province", "city", "county"), ref=ref)
    entry = case_entry(0, case)
    context = {"entry": entry, "document_title": case.title, "case_url": request.build_absolute_uri(case.url)}
    document = render_pdf("compilations/case_pdf.html", context, base_url=request.build_absolute_uri("/"))
    return pdf_response(document, f"{case.ref}.pdf")
