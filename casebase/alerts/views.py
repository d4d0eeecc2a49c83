"""/search/saved/: an officer's saved searches. Every view names the signed-in officer's own
searches only; another user's id is a 404."""
import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, F, Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from search import views as search_views
from search.params import InvalidParameter

from . import alerting
from .forms import EditSearchForm, InvalidSearch, SaveSearchForm
from .models import Frequency, SavedSearch
from .officers import is_officer

logger = logging.getLogger(__name__)


def officer_required(view):
    """Anonymous visitors sign in first; signed-in users who are not officers are refused."""
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if not is_officer(request.user):
            logger.info("saved searches refused to %s (not an officer)", request.user)
            return render(request, "alerts/forbidden.html", status=403)
        return view(request, *args, **kwargs)
    return checked


def _own(request, pk: int) -> SavedSearch:
    return get_object_or_404(SavedSearch, pk=pk, owner=request.user)


def _description(search: SavedSearch) -> list[str]:
    """What the search looks for, in the search page's words."""
    data = QueryDict(search.query)
    try:
        params = search.params()
    except InvalidParameter:
        return ["（检索条件已失效，请重新保存）"]
    parts = [f"检索词：{params.q}"] if params.q else ["全部案例"]
    if params.section:
        parts.append(f"范围：{search_views.SECTION_LABELS[params.section]}")
    parts += [chip["label"] for chip in search_views.selected_chips(params, data)]
    parts.append(f"排序：{search_views.SORT_LABELS[params.sort]}")
    return parts


def _list_context(request, save_form=None) -> dict:
    searches = SavedSearch.objects.filter(owner=request.user).annotate(
        new_matches=Count("matches", filter=Q(matches__created_at__gt=F("last_seen_at"))),
    )
    return {
        "searches": [{"search": s, "description": _description(s), "form": EditSearchForm(instance=s, prefix=f"s{s.pk}")}
                     for s in searches],
        "save_form": save_form,
        "frequencies": Frequency.choices,
    }


@officer_required
def saved_searches(request):
    """GET: the list. POST: save the search of the search page's form."""
    if request.method != "POST":
        return render(request, "alerts/saved_searches.html", _list_context(request))
    form = SaveSearchForm(request.POST, owner=request.user)
    if form.is_valid():
        search = form.save()
        messages.success(request, f"已保存检索“{search.name}”")
        return redirect("alerts:list")
    for error in form.errors.as_data().get("query", []):
        if isinstance(error, InvalidSearch):
            logger.info("saving a search refused: %s", error.log_line)
    return render(request, "alerts/saved_searches.html", _list_context(request, form), status=400)


@officer_required
@require_POST
def edit_search(request, pk: int):
    search = _own(request, pk)
    form = EditSearchForm(request.POST, instance=search, prefix=f"s{pk}")
    if form.is_valid():
        form.save()
        messages.success(request, f"已更新检索“{search.name}”")
        return redirect("alerts:list")
    context = _list_context(request)
    for item in context["searches"]:
        if item["search"].pk == pk:
            item["form"] = form
    return render(request, "alerts/saved_searches.html", context, status=400)


@officer_required
@require_POST
def delete_search(request, pk: int):
    search = _own(request, pk)
    search.delete()
    messages.success(request, f"已删除检索“{search.name}”")
    return redirect("alerts:list")


@officer_required
def open_search(request, pk: int):
    """Runs the saved search on the search page; its matches so far count as seen."""
    search = _own(request, pk)
    SavedSearch.objects.filter(pk=pk).update(last_seen_at=timezone.now())
    alerting.mark_read(search.matches.all())
    return redirect(f"{reverse('search:page')}?{search.query}")
