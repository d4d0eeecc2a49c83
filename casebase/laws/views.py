"""Public law pages: every law, each version with its chapters and articles, and the article
browser (/search/articles/)."""
import datetime
import logging
from itertools import groupby

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from casebase.core.validators import refuse_control_characters
from casebase.precedents.law_cases import cases_by_article

from . import article_index
from .models import Law, LawVersion

logger = logging.getLogger(__name__)


def law_index(request):
    laws = Law.objects.prefetch_related("versions").order_by("short_title")
    return render(request, "laws/law_index.html", {"laws": laws})


def law_latest(request, law):
    law_obj = get_object_or_404(Law, short_title=law)
    return redirect(law_obj.get_absolute_url())


def law_version(request, law, version):
    version_obj = get_object_or_404(
        LawVersion.objects.select_related("law"), law__short_title=law, adopted_on=_parse_date(version)
    )
    provisions = list(version_obj.provisions.order_by("position"))
    articles = _articles_with_parts(provisions, cases_by_article(version_obj))
    chapters = [(chapter, list(items)) for chapter, items in groupby(articles, key=lambda a: a["article"].chapter)]
    return render(request, "laws/law_version.html", {
        "version": version_obj,
        "law": version_obj.law,
        "chapters": chapters,
        "other_versions": version_obj.law.versions.exclude(pk=version_obj.pk),
    })


def _parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise Http404("没有这个版本") from None


def _articles_with_parts(provisions, cases_by_article):
    """Groups the flat provision rows into articles, each with its paragraphs and their items
    and the published cases citing it (`cases`: casebase.precedents.law_cases.ArticleCases or None)."""
    articles = []
    for provision in provisions:
        if provision.paragraph is None:
            cases = cases_by_article.get((provision.article, provision.sub_article))
            articles.append({"article": provision, "paragraphs": [], "cases": cases})
        elif provision.item is None:
            articles[-1]["paragraphs"].append({"paragraph": provision, "items": []})
        else:
            articles[-1]["paragraphs"][-1]["items"].append(provision)
    return articles


def article_browser(request):
    """The articles cases cite (or every article, `?all=1`), grouped by law, filtered by `q`."""
    query = request.GET.get("q", "").strip()[:article_index.MAX_QUERY_LENGTH]
    show_all = request.GET.get("all") == "1"
    try:
        refuse_control_characters(query)  # the database cannot compare text with NUL
    except ValidationError as refusal:
        logger.info("article browser: control characters in q=%r", query)
        context = {"laws": [], "query": "", "show_all": show_all, "error": refusal.messages[0]}
        return render(request, "laws/articles.html", context, status=400)
    laws = article_index.browse(query, show_all)
    return render(request, "laws/articles.html", {"laws": laws, "query": query, "show_all": show_all})
