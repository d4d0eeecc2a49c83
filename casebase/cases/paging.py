"""Paging for public listings: a bad or out-of-range page number shows the nearest page, never an error."""
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator

PER_PAGE = 20


def paginate(request, items, per_page: int = PER_PAGE) -> PaginatorPage:
    return Paginator(items, per_page).get_page(request.GET.get("page"))
