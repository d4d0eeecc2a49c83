import pytest

from casebase.guides.loader import load_guides


@pytest.fixture
def guides(library, search_index):
    """The ten guides of casebase/guides/content under the test home page, beside the case library."""
    load_guides(library.get_parent().specific)
    from casebase.guides.models import IndustryGuidePage

    return {guide.slug: guide for guide in IndustryGuidePage.objects.all()}
