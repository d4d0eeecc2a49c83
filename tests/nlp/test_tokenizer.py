"""The tokenizer segments only around the possible names the name finder reads, with jieba's own words."""
import itertools

import ahocorasick
import jieba
from hypothesis import example, given
from hypothesis import strategies as st

from nlp.components import pii
from nlp.pipeline import get_nlp, load_jieba
from nlp.text import Gazetteer

TEXT = ("2023年5月，某市生态环境局检查某公司。该公司法定代表人为张三丰（身份证号码略）。"
        "举报人李四反映废水直排；执法人员现场采样。")


def test_words_around_possible_names_are_jiebas_words():
    load_jieba()
    doc = get_nlp().make_doc(TEXT)
    assert doc.text == TEXT
    candidates = pii.name_candidates(TEXT)
    assert [TEXT[start:end] for start, end in candidates] == ["张三丰", "李四反"]
    boundaries = {t.idx for t in doc}
    words = jieba.lcut(TEXT, HMM=False)  # the whole text segmented
    full = {0, *itertools.accumulate(map(len, words))}
    for start, end in candidates:
        assert {i for i in full if start <= i <= end} == {i for i in boundaries if start <= i <= end}
    assert len(doc) < len(words)
    assert doc._.name_candidates == candidates


def test_text_without_cues_is_one_token():
    assert len(get_nlp().make_doc("执法人员现场采样，废水超标。")) == 1
    assert len(get_nlp().make_doc("")) == 0


def test_gazetteer_is_leftmost_longest_and_bounded():
    g = Gazetteer(["杭州", "杭州市", "西湖区", "州市", "x"])
    text = "浙江省杭州市西湖区州市"
    assert list(g.finditer(text)) == [(3, 6), (6, 9), (9, 11)]
    assert list(g.finditer(text, 4, 9)) == [(4, 6), (6, 9)]
    assert list(g.finditer("")) == [] and list(Gazetteer([]).finditer(text)) == []


@given(words=st.lists(st.text("abde", min_size=2, max_size=5), min_size=1, max_size=6),
       text=st.text("abdez,", max_size=30))
@example(words=["daada", "aa"], text="zex,a,edaazded")  # a run ending inside a longer word's prefix
def test_gazetteer_matches_those_of_one_pass_over_the_whole_text(words, text):
    # Gazetteer hands the automaton only runs of characters that occur in words;
    # the matches must be those of a single pass over the whole text.
    automaton = ahocorasick.Automaton()
    for word in set(words):
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    whole = [(last + 1 - length, last + 1) for last, length in automaton.iter_long(text)]
    assert list(Gazetteer(words).finditer(text)) == whole
