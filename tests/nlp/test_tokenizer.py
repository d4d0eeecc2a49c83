"""The tokenizer segments only the sentences the name finder reads, with jieba's own words."""
import jieba

from nlp.components import pii
from nlp.pipeline import JiebaTokenizer, get_nlp, load_jieba
from nlp.text import Gazetteer

TEXT = ("2023年5月，某市生态环境局检查某公司。该公司法定代表人为张三丰（身份证号码略）。"
        "举报人李四反映废水直排；执法人员现场采样。")


def test_words_in_name_sentences_are_jiebas_words():
    load_jieba()
    doc = get_nlp().make_doc(TEXT)
    assert doc.text == TEXT
    spans = pii.name_sentences(TEXT)
    assert spans and all(TEXT[e - 1] in "。；;" for _, e in spans)
    boundaries = {t.idx for t in doc}
    full = JiebaTokenizer(get_nlp().vocab, full=True)(TEXT)
    for start, end in spans:
        assert {t.idx for t in full if start <= t.idx < end} == {i for i in boundaries if start <= i < end}
    assert [t.text for t in full] == jieba.lcut(TEXT, HMM=False)


def test_text_without_cues_is_one_token():
    assert len(get_nlp().make_doc("执法人员现场采样，废水超标。")) == 1
    assert len(get_nlp().make_doc("")) == 0


def test_gazetteer_is_leftmost_longest_and_bounded():
    g = Gazetteer(["杭州", "杭州市", "西湖区", "州市", "x"])
    text = "浙江省杭州市西湖区州市"
    assert list(g.finditer(text)) == [(3, 6), (6, 9), (9, 11)]
    assert list(g.finditer(text, 4, 9)) == [(4, 6), (6, 9)]
    assert list(g.finditer("")) == [] and list(Gazetteer([]).finditer(text)) == []
