"""Background work of the cases app."""
from django_tasks import task


@task()
def refresh_case_suggestions(page_id: int) -> None:
    """Extraction for a long case text, off the editor's request."""
    from .extraction import refresh_suggestions
    from .models import CasePage

    page = CasePage.objects.filter(pk=page_id).first()
    if page is not None:
        refresh_suggestions(page)
