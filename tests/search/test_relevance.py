"""The recall tier: a case that matches part of a query is found, below every case that matches
all of it; labels, compound terms and narrower terms of the thesaurus (search/query.py)."""
import pytest

from search import indexing
from search.synonyms import Group, Thesaurus, parse_groups
from tests.factories import create_case

pytestmark = pytest.mark.django_db

PLAIN = dict(violated=[], penalty_basis=[], keywords=[], measures=["罚款"], violation_types=["水污染"],
             significance="本案依法查处。", commended=False)


def api(client, q: str) -> dict:
    response = client.get("/api/v1/search/", {"q": q})
    assert response.status_code == 200, response.content
    return response.json()


def refs(data: dict) -> list[str]:
    return [r["ref"] for r in data["results"]]


def index(*specs: dict) -> None:
    for spec in specs:
        create_case(**{**PLAIN, **spec})
    indexing.sweep()


def test_full_matches_rank_above_partial_ones_even_when_these_score_higher(client, library, search_index):
    index(
        dict(ref="FULL", title="某厂违法排放废水案", basic_facts="执法人员发现该厂利用渗坑排放硫酸废液。"),
        # Each partial case says its one concept again and again, in the title too, and is
        # commended and recent: its text score alone beats the full match's.
        dict(ref="PART-PIT", title="某厂利用渗坑渗坑排放案", commended=True, decision_date="2026-01-01",
             basic_facts="现场有渗坑。渗坑面积较大，渗坑未做防渗，渗坑旁堆放杂物。"),
        dict(ref="PART-ACID", title="某厂硫酸硫酸泄漏案", commended=True, decision_date="2026-01-01",
             basic_facts="硫酸储罐泄漏。硫酸未经处理，硫酸直接外排。"),
        dict(ref="NEITHER", title="某厂噪声超标案", basic_facts="夜间厂界噪声超标。"),
    )
    data = api(client, "渗坑 硫酸")
    assert refs(data)[0] == "FULL"
    assert set(refs(data)[1:]) == {"PART-PIT", "PART-ACID"}
    assert data["count"] == 3  # the partial matches are counted; the case matching nothing is not


def test_a_single_concept_is_required_whole(client, library, search_index):
    index(dict(ref="PIT", title="某厂渗坑排放案", basic_facts="利用渗坑排放。"),
          dict(ref="OTHER", title="某厂噪声超标案", basic_facts="夜间厂界噪声超标，坑洼路面扬尘。"))
    assert refs(api(client, "渗坑")) == ["PIT"]


def test_a_labelled_case_matches_the_label_named_whole(client, library, search_index):
    # 第三方弄虚作假 is a violation type: the label matches, although the text says neither word.
    index(dict(ref="LABELLED", title="某检测公司出具不实报告案", basic_facts="该公司出具不实检测报告。",
               violation_types=["第三方弄虚作假"]),
          dict(ref="FRAUD-ONLY", title="某厂篡改台账案", basic_facts="该厂弄虚作假，篡改台账。"),
          dict(ref="UNRELATED", title="某厂噪声超标案", basic_facts="夜间厂界噪声超标。"))
    found = refs(api(client, "第三方弄虚作假"))
    # The case with half of the compound (弄虚作假 without 第三方) is found too, below.
    assert found == ["LABELLED", "FRAUD-ONLY"]


def test_a_compound_term_matches_a_text_that_has_its_parts_apart(client, library, search_index):
    index(dict(ref="PARTS", title="某纸业公司干扰采样案",
               basic_facts="该公司向自动监测采样器倒入清水，致使监测数据失真，属于造假行为。"),
          dict(ref="HALF", title="某厂自动监测设备故障未报告案", basic_facts="自动监测设备故障未按规定报告。"))
    assert refs(api(client, "自动监测数据造假")) == ["PARTS", "HALF"]


def test_unknown_words_are_found_by_most_of_their_character_bigrams(client, library, search_index):
    index(dict(ref="BIGRAMS", title="某厂排放含铬电镀废水案", basic_facts="该厂排放含铬电镀废水。"),
          dict(ref="ONE-BIGRAM", title="某厂排放废水案", basic_facts="该厂排放生活污水和废水。"))
    # 含铬电镀废水 is not written as such: 含铬、铬电、电镀、镀废、废水 — four of five bigrams match.
    assert refs(api(client, "含铬镀废水")) == ["BIGRAMS"]


def test_narrower_terms_are_found_by_the_broader_term_only(client, library, search_index):
    index(dict(ref="PIT", title="某厂利用渗坑排放污水案", basic_facts="利用渗坑排放污水。"),
          dict(ref="PIPE", title="某厂私设暗管排放污水案", basic_facts="私设暗管排放污水。"))
    assert set(refs(api(client, "偷排"))) == {"PIT", "PIPE"}  # 偷排 => 渗坑
    assert refs(api(client, "渗坑")) == ["PIT"]  # a seepage pit is not every stealthy discharge


def test_synonym_lines_with_narrower_terms_are_parsed():
    groups = parse_groups("偷排, 偷排偷放 => 渗坑、渗井  # comment\n造假，弄虚作假\n孤词\n")
    assert groups == [Group(("偷排", "偷排偷放"), ("渗坑", "渗井")), Group(("造假", "弄虚作假"))]
    words = Thesaurus.from_groups(groups)
    assert words.expand("偷排") == ("偷排", "偷排偷放", "渗坑", "渗井")
    assert words.expand("渗坑") == ("渗坑",)
    assert words.expand("弄虚作假") == ("弄虚作假", "造假")


def test_label_names_are_concepts_made_of_parts_and_only_whole_words():
    from search.analysis import analyse

    (fraud,) = analyse("自动监测数据造假").concepts  # a violation type: one concept
    assert [part.alternatives[0] for part in fraud.parts] == ["自动监测", "数据造假"]
    assert "在线监测" in fraud.forms()  # the parts' synonyms are highlighted too
    # 排污许可 is a violation type, but 排污许可证 is one word: not 排污许可 + 证.
    assert [c.alternatives[0] for c in analyse("排污许可证").concepts] == ["排污许可证"]
