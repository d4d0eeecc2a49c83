"""Helpers for the site's fixed sections (case library, guides, disclosure): one page each under the home page."""
from wagtail.models import Page


def ensure_section(parent: Page, model: type[Page], **fields) -> Page:
    """The only page of `model`, created and published under `parent` with `fields` when missing."""
    page = model.objects.first()
    if page is None:
        page = model(**fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page
