"""search.matching finds a case for exactly the saved searches whose search-page results list it:
facet selections judged against the indexed document, texts asked of Elasticsearch."""
import itertools

import pytest
from django.http import QueryDict

from search import indexing
from search.matching import matching_searches
from search.params import parse_params
from search.service import search_cases
from tests.alerts.conftest import PIPE
from tests.factories import create_case

pytestmark = pytest.mark.django_db

TEXTS = ["", "挥发性有机物", "暗管", "大气法第四十五条", "\"未密闭\"", "含铬 废水", "罚款"]
SELECTIONS = [
    "", "year=2024", "year=2023", "industry=C", "industry=C26", "industry=C33&industry=C26", "city=温州市",
    "province=浙江省&city=杭州市", "measure=移送公安", "violation_type=水污染", "fine_min=120000",
    "fine_max=119999.99", "fine_min=100000&fine_max=500000", "article=大气污染防治法@2018:45", "law=中华人民共和国水污染防治法",
    "section=title", "sort=-fine&year=2024&measure=罚款",
]


def test_every_saved_search_matches_as_the_search_page_lists(library, search_index):
    cases = [create_case(ref="MATCH-1"), create_case(ref="MATCH-2", decision_date="2023-03-02", **PIPE)]
    indexing.sweep()
    searches = {f"q={text}&{selection}": parse_params(QueryDict(f"q={text}&{selection}", mutable=True))
                for text, selection in itertools.product(TEXTS, SELECTIONS)}
    for case in cases:
        listed = {key for key, params in searches.items()
                  if case.ref in {hit["ref"] for hit in search_cases(params.with_page(1, 100)).results}}
        assert matching_searches(case.pk, searches) == listed
        assert listed and listed != set(searches)  # the grid both finds and misses each case
