"""PDF rendering shared by every document Casebase prints (cases, guides, compilations, minutes).

Templates extend `pdf/base.html`, whose stylesheet names the CJK fonts by their fontconfig
names (Noto Serif CJK SC / Noto Sans CJK SC, Debian package fonts-noto-cjk, installed by
scripts/system-deps.sh), so Chinese text is typeset with real glyphs, never tofu. Every
document is tagged (PDF/UA-1) in the language its template's <html lang> names.
"""
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

PDF_VARIANT = "pdf/ua-1"


def render_pdf(template_name: str, context: dict, base_url: str | None = None) -> bytes:
    """Renders the Django template `template_name` with `context` and returns the PDF bytes.

    `base_url` resolves relative links and images (pass `request.build_absolute_uri("/")`
    from a view); it defaults to the static files directory so `{% static %}` paths work offline.
    """
    html = render_to_string(template_name, context)
    document = HTML(string=html, base_url=base_url or str(settings.BASE_DIR))
    # Tagged PDF/UA-1: the structure (headings, paragraphs, tables, lists) and the language of
    # the template's <html lang="zh-CN"> reach screen readers and reflowing readers.
    return document.write_pdf(font_config=FontConfiguration(), pdf_variant=PDF_VARIANT)


def pdf_response(document: bytes, filename: str) -> HttpResponse:
    """Serves PDF bytes for reading in the browser, saved under `filename` (ASCII) when downloaded."""
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
