"""Which pages a user may see in the admin, by title or content: what the page explorer shows
them (the pages they have permissions on and those pages' ancestors), every published page, and
the pages whose current review task they may act on. Choosers, previews and every other admin
view that names a page by id ask this module (wired in wagtail_hooks.py and casebase/urls.py)."""
from functools import wraps

from django.http import Http404
from wagtail.models import Page
from wagtail.permissions import policy_registry


def visible_pages(user):
    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    published = Page.objects.live().public()
    return Page.objects.filter(pk__in=explorable.values("pk")) | Page.objects.filter(pk__in=published.values("pk"))


def may_see(user, page: Page) -> bool:
    if user.is_superuser or visible_pages(user).filter(pk=page.pk).exists():
        return True
    state = page.current_workflow_state
    task = state.current_task_state.task.specific if state and state.current_task_state else None
    return task is not None and task.user_can_access_editor(page, user)


def scope_to_visible(pages, user):
    return pages if user.is_superuser else pages.filter(pk__in=visible_pages(user).values("pk"))


def page_must_be_visible(view, page_id_kwarg: str):
    """Wraps an admin view that names a page by id: 404, without the page's title, for users
    who may not see the page."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        page = Page.objects.filter(pk=kwargs[page_id_kwarg]).first()
        if page is None or not may_see(request.user, page):
            raise Http404("page not visible to this user")
        return view(request, *args, **kwargs)
    return wrapped
