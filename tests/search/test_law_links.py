"""Law ↔ case, related cases and the discretion reference."""
from urllib.parse import unquote

import pytest

from casebase.precedents import discretion
from search import indexing
from search.related import related_cases
from tests.factories import create_case

pytestmark = pytest.mark.django_db


def test_law_page_lists_cases_per_article_with_counts(client, corpus):
    html = unquote(client.get("/laws/大气污染防治法/2018-10-26/").content.decode())
    assert "相关案例：违反本条 1 件 · 依据本条处罚 0 件" in html  # article 72
    assert "相关案例：违反本条 0 件 · 依据本条处罚 1 件" in html  # article 117
    assert "昆明某建材有限公司露天堆放物料未采取防尘措施案" in html


def test_discretion_reference_for_an_article_and_for_a_type_in_an_industry(corpus, library):
    create_case(ref="T-PIPE-2", title="温州某电镀厂暗管排污案", city="温州市", county=None, fine_yuan=200000, industry="C33",
                violation_types=["逃避监管排污"], violated=[{"law": "中华人民共和国水污染防治法", "article": 39}])
    create_case(ref="T-PIPE-3", title="温州某电镀厂暗管排污案二", city="温州市", county=None, fine_yuan=None, industry="C33",
                violation_types=["逃避监管排污"], violated=[{"law": "中华人民共和国水污染防治法", "article": 39}])
    reference = discretion.for_article("水污染防治法@2017:39")
    assert (reference.count, reference.fined, reference.minimum, reference.median, reference.maximum) == (3, 2, 200000, 350000, 500000)
    assert sum(n for _, n, _ in reference.histogram) == 2
    assert [c.ref for c in reference.cases] == ["T-PIPE-1", "T-PIPE-2", "T-PIPE-3"]
    assert discretion.for_violation_type("逃避监管排污", "C33").count == 3
    assert discretion.for_violation_type("逃避监管排污", "C26").count == 0


def test_discretion_page_and_case_page_extras(client, corpus):
    html = client.get("/search/discretion/", {"article": "大气污染防治法@2018:117"}).content.decode()
    assert "已发布案例 <strong>1</strong> 件" in html and "3万元" in html and "罚款金额分布" in html
    assert client.get("/search/discretion/").status_code == 400
    case_html = client.get(corpus["T-DUST-1"].url).content.decode()
    assert "裁量参考" in case_html and "第一百一十七条" in case_html


def test_related_cases_share_text_and_provisions_never_itself_nor_unpublished(corpus):
    voc, other_voc = corpus["T-AIR-1"], corpus["T-AIR-2"]
    found = related_cases(voc)
    assert found and found[0].pk == other_voc.pk and voc.pk not in {c.pk for c in found}
    # Unpublished cases disappear at once, even from a cached answer, before the index catches up.
    type(other_voc).objects.get(pk=other_voc.pk).unpublish()
    assert other_voc.pk not in {c.pk for c in related_cases(voc)}
    indexing.sweep()
    assert other_voc.pk not in {c.pk for c in related_cases(voc)}
