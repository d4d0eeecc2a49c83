from datetime import date

import pytest

from nlp import find_citations

DQ = "中华人民共和国大气污染防治法"
SW = "中华人民共和国水污染防治法"
HP = "中华人民共和国环境影响评价法"


def test_violated_then_basis_with_back_reference(cite):
    text = ("违反了《中华人民共和国大气污染防治法》第四十八条第一款的规定，"
            "依据该法第一百零八条第（一）项的规定，处罚款")
    assert cite(text) == [(DQ, 48, 1, None, "violated"), (DQ, 108, None, 1, "basis")]


@pytest.mark.parametrize("query, expected", [
    ("大气法第九十九条", (DQ, 99, None, None, None)),
    ("《水污染防治法》第83条", (SW, 83, None, None, None)),
    ("环评法31条", (HP, 31, None, None, None)),
    ("《大气法》第九十九条第（二）项", (DQ, 99, None, 2, None)),
    ("中华人民共和国环境影响评价法第三十一条第一款", (HP, 31, 1, None, None)),
])
def test_short_queries(cite, query, expected):
    assert cite(query) == [expected]


def test_lists_ranges_paragraphs_and_items(cite):
    text = "依据《大气法》第十条、第十二条，第三十一条第一款和第二款，第九十九条第（二）项、第（三）项，第七十七条至第八十条"
    assert [c[1:4] for c in cite(text)] == [
        (10, None, None), (12, None, None), (31, 1, None), (31, 2, None),
        (99, None, 2), (99, None, 3), (77, None, None), (78, None, None), (79, None, None), (80, None, None)]


def test_item_in_parentheses_without_xiang_and_arabic_item(cite):
    assert cite("依据大气法第108条第1项")[0][1:4] == (108, None, 1)
    assert cite("依据《大气法》第九十九条（三）")[0][1:4] == (99, None, 3)


def test_same_article_reference(cite):
    assert [c[1:3] for c in cite("依据《大气法》第十条，该条第二款")] == [(10, None), (10, 2)]


def test_back_reference_goes_to_last_law_of_matching_kind(cite):
    text = "违反《排污许可管理条例》第十九条及《水法》第十条，依据该法第八十三条，上述条例第三十三条第(一)项"
    assert cite(text) == [("排污许可管理条例", 19, None, None, "violated"), (SW, 10, None, None, "violated"),
                          (SW, 83, None, None, "basis"), ("排污许可管理条例", 33, None, 1, "basis")]


def test_该法_after_two_laws_is_the_last_named(cite):
    text = "违反《环境影响评价法》第二十五条和《大气污染防治法》第十八条，依据该法第九十九条"
    assert cite(text)[-1] == (DQ, 99, None, None, "basis")


def test_bare_article_after_trigger_refers_to_last_law(cite):
    assert cite("违反了《大气法》第四十八条，依据第一百零八条第一项")[-1] == (DQ, 108, None, 1, "basis")


def test_local_regulations_keep_their_title(cite):
    text = "依据《浙江省大气污染防治条例》第五十条，参照《浙江省生态环境行政处罚裁量基准规定》第八条"
    assert cite(text) == [("浙江省大气污染防治条例", 50, None, None, "basis"),
                          ("浙江省生态环境行政处罚裁量基准规定", 8, None, None, "basis")]


def test_law_without_article_and_documents_and_standards(cite):
    assert cite("违反了《环境影响评价法》的规定") == [(HP, None, None, None, "violated")]
    assert cite("下达《行政处罚决定书》，超过《大气污染物综合排放标准》") == []
    assert cite("违反大气法") == []  # a bare alias needs an article or 规定


def test_roles(cite):
    assert cite("不符合《大气法》第十八条")[0][4] == "violated"
    assert cite("未按照《排污许可管理条例》第十七条的规定")[0][4] == "violated"
    assert cite("符合《行政处罚法》第三十三条第一款规定的情形")[0][4] == "basis"
    assert cite("《大气法》第十八条规定")[0][4] is None


def test_noise_law_alias_depends_on_date(cite):
    old = cite("违反《噪声法》第三十条", date(2020, 5, 1))
    new = cite("违反《噪声法》第四十三条", date(2023, 5, 1))
    assert old[0][0] == "中华人民共和国环境噪声污染防治法"
    assert new[0][0] == "中华人民共和国噪声污染防治法"


def test_marine_law_version_by_date():
    before = find_citations("依据《海洋环境保护法》第七十三条", date(2019, 1, 1))[0]
    after = find_citations("依据《海洋环境保护法》第一百零七条", date(2024, 3, 1))[0]
    assert before.law == after.law == "中华人民共和国海洋环境保护法"
    assert (before.version, after.version) == ("2017-11-04", "2023-10-24")


def test_title_variants_resolve(cite):
    text = "根据《最高人民法院 最高人民检察院关于办理环境污染刑事案件适用法律若干问题的解释》第一条第（二）项"
    assert cite(text)[0][0] == "最高人民法院、最高人民检察院关于办理环境污染刑事案件适用法律若干问题的解释"
    assert cite("依据《中华人民共和国水污染防治法》（2017年修正）第八十三条")[0][:2] == (SW, 83)


def test_spans_point_into_original_text():
    text = "经查，违反《大气法》第十八条。"
    citation = find_citations(text)[0]
    assert text[citation.start:citation.end] == "《大气法》第十八条"
