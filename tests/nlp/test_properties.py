from hypothesis import given, settings
from hypothesis import strategies as st

from nlp import extract, find_pii, redact

FRAGMENTS = st.sampled_from(["《", "》", "第", "条", "款", "项", "（", "）", "(", ")", "罚款", "万元", "元", "违反",
                             "依据", "该法", "大气法", "某", "公司", "住址：", "法定代表人", "13812345678",
                             "330106199007154565", "浙A12345", "\u3000", "\n", "十", "百", "零", "·", "@"])
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_extract_never_raises_and_spans_are_inside(text):
    facts = extract(text).to_dict()
    for span in facts["pii"]:
        assert 0 <= span["start"] < span["end"] <= len(text)


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_redact_never_raises(text):
    assert isinstance(redact(text, find_pii(text)), str)
