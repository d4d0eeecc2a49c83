"""The near-duplicate check against the real Elasticsearch and database: copies and paraphrases
of a published case are flagged, unrelated cases and other cases of the same kind are not, and
another city's drafts never appear."""
import pytest

from casebase.review.duplicates import check_page
from search.similar import THRESHOLD

from tests.duplicates.drafts import draft_like

pytestmark = pytest.mark.django_db

# RD-009 told again in other words, every fact kept (who, where, when, what was measured, the
# provisions and the penalty); sentences reordered, wording changed, commentary shortened.
PARAPHRASE_OF_RD_009 = {
    "title": "温岭市某建材公司夜间生产混凝土管桩厂界噪声超过排放标准案",
    "basic_facts": (
        "《中华人民共和国噪声污染防治法》自2022年6月5日起施行。施行首日凌晨，台州市生态环境局温岭分局组织“零点执法行动”，"
        "抽调执法队和环境监测站的骨干分成三个突击组，对机械铸造、表面处理、混凝土等夜间生产企业开展重点检查。"
        "在石塘镇上马工业区，突击组查实温岭市某建材公司正在生产混凝土管桩。温岭市环境监测站于0时19分至21分在该企业南厂界大门口"
        "测量噪声，夜间等效声级修正值为68dB(A)，超过《工业企业厂界环境噪声排放标准》3类区55dB(A)的限值。"
    ),
    "handling": (
        "温岭分局认为，该企业超标排放工业噪声，违反了《中华人民共和国噪声污染防治法》第二十二条第一款。"
        "根据该法第七十五条，温岭分局责令其改正，当日即立案并送达行政处罚事先告知书，拟罚款2万元。"
    ),
    "significance": "新噪声法施行第一天即开展夜间突击执法，监测人员与执法人员同步出动固定证据。本案系当地依据新法查办的第一起工业噪声超标案件。",
}
UNRELATED = {
    "title": "某餐饮店油烟净化设施未正常运行案",
    "basic_facts": "执法人员检查一家餐饮店，发现其厨房油烟净化装置长期停用，油烟直接经烟道排向居民楼一侧，附近住户多次反映。",
    "handling": "执法部门责令该店立即恢复净化装置运行，并依法处以罚款五千元。",
    "significance": "餐饮油烟关系群众生活，本案督促经营者落实治理责任。",
}


def flagged(check) -> set[str]:
    return {case.ref for case in check.near_duplicates}


def listed(check) -> set[str]:
    return {case.ref for case in check.similar}


def test_a_near_verbatim_copy_of_a_published_case_is_flagged(published, accounts):
    user = accounts["city_hangzhou"]
    copy = draft_like("RD-001", user, title="杭州某新材料公司胶膜纸生产线甲醛超标排放案")
    check = check_page(copy, user)
    assert "RD-001" in flagged(check)
    top = check.similar[0]
    assert top.ref == "RD-001" and top.published and top.score >= 0.9
    assert top.url == published["RD-001"].url  # the public page of a published case


def test_a_paraphrase_that_keeps_the_facts_is_flagged(published, accounts):
    user = accounts["city_hangzhou"]
    check = check_page(draft_like("RD-009", user, **PARAPHRASE_OF_RD_009), user)
    assert flagged(check) == {"RD-009"}
    # RD-010, another night-time noise case under the same provision, is similar but no duplicate.
    assert all(case.score < THRESHOLD for case in check.similar if case.ref == "RD-010")


def test_an_unrelated_case_is_not_flagged(published, accounts):
    user = accounts["city_hangzhou"]
    check = check_page(draft_like("RD-006", user, **UNRELATED), user)
    assert not check.unavailable
    assert flagged(check) == set()


def test_own_city_drafts_are_candidates_and_another_citys_never(published, accounts):
    hangzhou, wenzhou = accounts["city_hangzhou"], accounts["city_wenzhou"]
    texts = {"title": "某印染企业私设暗管排放印染废水案", **{k: v for k, v in UNRELATED.items() if k != "title"}}
    own_earlier = draft_like("RD-006", hangzhou, **texts)
    wenzhou_draft = draft_like("RD-006", wenzhou, city="温州市", county="鹿城区", **texts)
    mine = draft_like("RD-006", hangzhou, **texts)

    check = check_page(mine, hangzhou)
    assert own_earlier.ref in flagged(check)
    assert wenzhou_draft.ref not in listed(check)
    earlier = next(case for case in check.similar if case.ref == own_earlier.ref)
    assert not earlier.published and earlier.url.endswith(f"/admin/pages/{own_earlier.pk}/edit/")
    # And the other way round: Wenzhou sees none of Hangzhou's drafts.
    assert listed(check_page(wenzhou_draft, wenzhou)) & {own_earlier.ref, mine.ref} == set()
