"""The hand-written word lists of nlp/data."""
from __future__ import annotations

import pytest

from nlp import extract, find_citations, find_pii
from nlp.resources import load_json, load_lines

CUE_LISTS = [("pii_cues.json", "name_after"), ("pii_cues.json", "address_after"),
             ("pii_cues.json", "name_before"), ("party_cues.json", "suffixes"),
             ("party_cues.json", "name_after"), ("citation_cues.json", "implicit_triggers")]


@pytest.mark.parametrize("file, key", CUE_LISTS)
def test_a_longer_cue_comes_before_its_prefix(file, key):
    """The lists become regex alternations, where the first alternative that matches wins."""
    words = load_json(file)[key]
    assert len(set(words)) == len(words)
    for index, word in enumerate(words):
        assert not [w for w in words[index + 1:] if w.startswith(word) and w != word], word


def test_the_ethnic_groups_make_short_division_names():
    groups = [word for line in load_lines("ethnic_groups.txt") for word in line.split()]
    assert len(groups) == 55 and "汉" not in groups
    assert extract("广西壮族自治区南宁市某厂").region.province == "广西壮族自治区"


def test_cues_read_from_the_data_files():
    assert [c.role for c in find_citations("违反《中华人民共和国水污染防治法》第十条")] == ["violated"]
    assert [s.kind for s in find_pii("法定代表人李四光。")] == ["person_name"]
    assert extract("当事人：杭州绿源化工有限公司，").parties == ["杭州绿源化工有限公司"]
