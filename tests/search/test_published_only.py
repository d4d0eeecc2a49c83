"""One definition of what the public sees (`CasePage.objects.published()`): a withdrawn case, an
unpublished case and a draft appear in no search output, export, suggestion, related list,
discretion reference, law link, statistic or disclosure batch — not even while the index still
holds them (the sync runs after the commit, or at the next sweep when Elasticsearch was down)."""
import csv
import datetime
import io

import pytest

from casebase.precedents import law_cases
from search import indexing
from search.client import get_client
from casebase.precedents.discretion import for_article, for_violation_type
from search.documents import alias_name
from search.related import related_cases
from tests.factories import create_case
from tests.search.conftest import PIPE

pytestmark = pytest.mark.django_db

# Three copies of the hidden-pipe case that the public must never see.
HIDDEN = {"T-WD-1": "温州某印染有限公司私设暗管排放印染废水撤除案",
          "T-UNPUB-1": "温州某化工有限公司私设暗管排放含铬废水下线案",
          "T-DRAFT-1": "温州某皮革有限公司私设暗管排放含铬废水草稿案"}
PIPE_ARTICLE = "水污染防治法@2017:39"


@pytest.fixture
def hidden_cases(corpus):
    """The corpus indexed with the withdrawn and the unpublished case still public; then the
    case is withdrawn, the other unpublished (the index does not know yet) and a draft added."""
    from casebase.cases.models import CasePage

    withdrawn = create_case(**{**PIPE, "ref": "T-WD-1", "title": HIDDEN["T-WD-1"]})
    unpublished = create_case(**{**PIPE, "ref": "T-UNPUB-1", "title": HIDDEN["T-UNPUB-1"]})
    indexing.sweep()
    withdrawn.withdraw("案情有误")
    CasePage.objects.get(pk=unpublished.pk).unpublish()
    draft = create_case(publish=False, **{**PIPE, "ref": "T-DRAFT-1", "title": HIDDEN["T-DRAFT-1"]})
    assert get_client().exists(index=alias_name(), id=str(withdrawn.pk))  # the index is behind
    return {"T-WD-1": withdrawn, "T-UNPUB-1": unpublished, "T-DRAFT-1": draft}


def assert_hidden_absent(text: str):
    for ref, title in HIDDEN.items():
        assert ref not in text and title not in text, ref


def test_the_index_loses_them_at_the_sync(hidden_cases):
    indexing.sweep()
    for case in hidden_cases.values():
        assert not get_client().exists(index=alias_name(), id=str(case.pk))


def test_search_api_page_and_export_never_show_them(client, hidden_cases):
    data = client.get("/api/v1/search/", {"q": "私设暗管"}).json()
    assert [r["ref"] for r in data["results"]] == ["T-PIPE-1"]
    html = client.get("/search/", {"q": "私设暗管"}).content.decode()
    assert "温州某电镀有限公司私设暗管排放含铬废水案" in html
    assert_hidden_absent(html)
    exported = client.get("/search/export.csv", {"q": "私设暗管"}).content.decode("utf-8-sig")
    assert [row[0] for row in csv.reader(io.StringIO(exported))][1:] == ["T-PIPE-1"]


def test_suggestions_never_offer_their_titles(client, hidden_cases):
    names = client.get("/api/v1/suggest/", {"q": "温州某"}).json()["suggestions"]
    assert "温州某电镀有限公司私设暗管排放含铬废水案" in names
    assert_hidden_absent(" ".join(names))


def test_related_cases_discretion_and_law_links_leave_them_out(client, hidden_cases, corpus):
    related = related_cases(corpus["T-AIR-2"], count=10) + related_cases(corpus["T-DUST-1"], count=10)
    assert related and not {c.ref for c in related} & set(HIDDEN)
    for reference in (for_article(PIPE_ARTICLE), for_violation_type("逃避监管排污")):
        assert [c.ref for c in reference.cases] == ["T-PIPE-1"]
    html = client.get("/search/discretion/", {"article": PIPE_ARTICLE}).content.decode()
    assert "T-PIPE-1" in html or "温州某电镀" in html
    assert_hidden_absent(html)
    version = hidden_cases["T-WD-1"].citations.get(role="violated").provision.version
    linked = law_cases.cases_by_article(version)
    assert {c.ref for entry in linked.values() for c in entry.all_cases()} == {"T-PIPE-1"}
    from casebase.laws import article_index  # the article browser's counts

    counts = article_index.case_counts()
    assert sum(c.get("violated", 0) for (version_id, *_), c in counts.items() if version_id == version.pk) == 1


def test_statistics_count_only_published_cases(hidden_cases):
    from casebase.review import reports

    assert dict(reports.cases_per_violation_type())["逃避监管排污"] == 1
    assert dict(reports.cases_per_city())["温州市"] == 2  # T-PIPE-1 and T-AIR-2
    assert sum(n for _, n in reports.cases_per_quarter()) == 4
    today = reports.Quarter.containing(datetime.date.today())
    assert sum(row.published for row in reports.quarterly_tracking(today)) == 4


def test_disclosure_batches_take_only_published_cases(hidden_cases, home_page):
    from casebase.compilations.demo import create_demo_disclosure
    from casebase.compilations.models import DisclosureEntry

    create_demo_disclosure(home_page)
    disclosed = set(DisclosureEntry.objects.values_list("case__ref", flat=True))
    assert disclosed == {"T-AIR-1", "T-PIPE-1", "T-DUST-1", "T-AIR-2"}
