"""The admin's case search for reviewers.

Wagtail's page search is open only to users with page permissions (the cities' submitters
and the provincial administrators), scoped to the pages they may explore. Reviewers and the
committee act through workflow tasks and hold no page permission, so Wagtail refuses them.
`CaseSearchView` is the same search with a wider scope for them: the cases under review
(their queue and the steps around it) and the published cases, nothing else.
"""
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.search import SearchArea
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from casebase.cases.models import CasePage
from casebase.review.policy import ReviewPolicy


def cases_open_to_reviewers():
    """Case pages under review (a workflow in progress) or published."""
    under_review = (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=ContentType.objects.get_for_model(Page)
        )
        .annotate(page_id=Cast("object_id", IntegerField()))
        .values("page_id")
    )
    return CasePage.objects.filter(pk__in=under_review) | CasePage.objects.live()


class ReviewerSearchPolicy(PagePermissionPolicy):
    """Page permissions, plus reviewers' right to find the cases open to them."""

    def _is_reviewer(self, user) -> bool:
        return ReviewPolicy(user).can_search_cases_under_review()

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, actions) or self._is_reviewer(user)

    def explorable_instances(self, user, *args, **kwargs):
        pages = super().explorable_instances(user, *args, **kwargs)
        if not self._is_reviewer(user):
            return pages
        return Page.objects.filter(pk__in=pages.values("pk")) | Page.objects.filter(
            pk__in=cases_open_to_reviewers().values("pk")
        )


class NamedPagesMixin:
    """Wagtail's page listings count their rows as "1-3 of 3 <verbose_name_plural>", which they
    never set for pages (Wagtail shows "None"): the count names 页面."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for name in ("verbose_name", "verbose_name_plural"):  # present, but None
            if not context.get(name):
                context[name] = "页面"
        return context


class CaseSearchView(NamedPagesMixin, SearchView):
    permission_policy = ReviewerSearchPolicy()


def _reviewer_without_page_search(user) -> bool:
    return ReviewPolicy(user).can_search_cases_under_review() and not (
        PagePermissionPolicy().user_has_any_permission(user, SearchView.any_permission_required)
    )


class CaseSearchArea(SearchArea):
    """The sidebar's search box for reviewers, who have no page search area of their own."""

    def __init__(self):
        super().__init__("案例", reverse("wagtailadmin_pages:search"), name="cases", icon_name="search", order=100)

    def is_shown(self, request):
        return _reviewer_without_page_search(request.user)


class ExplorerOrSearchView(NamedPagesMixin, ExplorableIndexView):
    """The dashboard's search box sends its query to the page explorer, which reviewers may not
    open: their query goes to the case search instead."""

    def dispatch(self, request, *args, **kwargs):
        if "q" in request.GET and _reviewer_without_page_search(request.user):
            return redirect(f"{reverse('wagtailadmin_pages:search')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)


class CasebasePageViewSet(PageViewSet):
    """Wagtail's base page views, with the reviewers' search."""

    model = Page
    search_view_class = CaseSearchView
    index_view_class = ExplorerOrSearchView
