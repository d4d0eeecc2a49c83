"""Admin integration: synonyms as a snippet, and the case search for reviewers."""
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import admin_search
from .models import SynonymGroup

register_snippet(SynonymGroup)


@hooks.register("register_admin_viewset")
def register_case_search_for_reviewers():
    """Replaces Wagtail's base page viewset (registered before, with order=-1)."""
    return admin_search.CasebasePageViewSet()


@hooks.register("register_admin_search_area")
def register_case_search_area():
    return admin_search.CaseSearchArea()

