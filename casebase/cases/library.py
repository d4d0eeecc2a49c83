"""Where cases live in the page tree: the library and each city's own index page."""
from django.db import transaction
from wagtail.models import Page

from casebase.core.pages import ensure_section
from casebase.taxonomy.models import Division

from .models import CaseLibraryPage, CityIndexPage

LIBRARY_SLUG = "cases"


def get_library() -> CaseLibraryPage:
    """The case library; on an installation that has none yet, the site structure is created
    first (`setup_site` does the same), so importing never depends on the demo data."""
    library = CaseLibraryPage.objects.first()
    if library is None:
        from casebase.core.site import ensure_site_structure

        ensure_site_structure()
        library = CaseLibraryPage.objects.get()
    return library


def submitting_division(province: Division, city: Division | None) -> Division:
    """The division whose index page holds a case: its city, or the municipality itself."""
    return city or province


@transaction.atomic
def city_index_for(division: Division) -> CityIndexPage:
    """The index page of `division`, created (published) under the library when missing."""
    existing = CityIndexPage.objects.filter(division=division).first()
    if existing is not None:
        return existing
    page = CityIndexPage(title=division.name, slug=division.name, division=division)
    get_library().add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_library(home: Page) -> CaseLibraryPage:
    """The case library under `home`, created and published when missing."""
    return ensure_section(
        home, CaseLibraryPage, title="典型案例", slug=LIBRARY_SLUG,
        intro="<p>各地市报送、经业务审核、法制审核和集体审议后发布的生态环境执法典型案例。</p>",
    )
