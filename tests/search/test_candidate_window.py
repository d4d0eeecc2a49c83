"""Ranked by relevance, only the first `query.RESCORE_WINDOW` candidates are scored: the cases that
match every concept before the others, newest first (`query.candidate_query`). On the real
engine, with the window shrunk to one case so that two cases are more than it holds."""
import pytest

from search import indexing, query
from tests.factories import create_case

pytestmark = pytest.mark.django_db

# The older case says 扬尘 in its title and facts: by score it ranks first.
OLD_DUST = dict(ref="T-WINDOW-OLD", title="昆明某建材有限公司露天堆放物料产生扬尘案", decision_date="2019-05-10",
                basic_facts="执法人员检查发现该公司砂石露天堆放，扬尘严重，未采取防治扬尘污染的措施。", keywords=["扬尘"])
NEW_DUST = dict(ref="T-WINDOW-NEW", title="杭州某物流有限公司未密闭运输案", decision_date="2024-05-10",
                basic_facts="执法人员检查发现该公司运输车辆未密闭，沿途产生扬尘。", keywords=["运输"])


@pytest.fixture
def dust_cases(library, search_index):
    cases = {spec["ref"]: create_case(**spec) for spec in (OLD_DUST, NEW_DUST)}
    indexing.sweep()
    return cases


def first_refs(client, **params) -> list[str]:
    response = client.get("/api/v1/search/", {"q": "扬尘", "sort": "relevance", **params})
    assert response.status_code == 200, response.content
    return [hit["ref"] for hit in response.json()["results"]]


def test_within_the_window_every_candidate_is_scored(client, dust_cases):
    assert first_refs(client) == ["T-WINDOW-OLD", "T-WINDOW-NEW"]


def test_beyond_the_window_the_newest_candidates_are_the_ones_ranked(client, dust_cases, monkeypatch):
    monkeypatch.setattr(query, "RESCORE_WINDOW", 1)
    # A page of one: only the newest candidate is scored, though the older one scores higher.
    assert first_refs(client, page_size=1) == ["T-WINDOW-NEW"]
    # A page of two takes the window to two: both are scored again, best first.
    assert first_refs(client, page_size=2) == ["T-WINDOW-OLD", "T-WINDOW-NEW"]


def test_a_case_that_matches_every_concept_is_a_candidate_before_any_other(client, dust_cases, monkeypatch):
    monkeypatch.setattr(query, "RESCORE_WINDOW", 1)
    # 扬尘 露天堆放: only the older case says both, so it comes before the newer one, which says 扬尘 alone.
    response = client.get("/api/v1/search/", {"q": "扬尘 露天堆放", "page_size": 1})
    assert [hit["ref"] for hit in response.json()["results"]] == ["T-WINDOW-OLD"]
