"""The near-duplicate check in a real browser: the submitter sees the similar published case in the
editor, is asked to confirm at submission, confirms with a reason; the reviewer reads it."""
import pytest

from casebase.cases.models import CasePage
from tests.browser.test_review_journey import footer_action, open_editor, sign_in, step, wait_until
from tests.factories import create_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "当事人不同：本案为余杭区另一家化工企业，违法事实另行查实"
OTHER_CASES = [
    {"title": "温州某电镀厂私设暗管排放含重金属废水案", "basic_facts": "执法人员在夜间突击检查中发现该厂利用私设暗管将含镍废水排入河道，采样显示总镍浓度超标数十倍。",
     "handling": "违反《中华人民共和国水污染防治法》第三十九条，依照第八十三条处罚款四十万元，并移送公安机关。",
     "significance": "暗管偷排手段隐蔽，本案夜查与采样同步，固定了关键证据。", "violation_types": ["水污染"],
     "violated": [{"law": "中华人民共和国水污染防治法", "article": 39, "paragraph": None, "item": None}],
     "penalty_basis": [{"law": "中华人民共和国水污染防治法", "article": 83, "paragraph": None, "item": 3}]},
    {"title": "某建筑工地夜间违规施工噪声扰民案", "basic_facts": "群众多次投诉某工地夜间浇筑混凝土，监测显示夜间噪声超过建筑施工场界排放限值。",
     "handling": "执法部门责令其停止夜间施工，并处罚款三万元。", "significance": "夜间施工噪声直接影响居民休息，本案及时回应了群众诉求。",
     "violation_types": ["噪声污染"], "violated": [], "penalty_basis": []},
]


def test_the_submitter_sees_the_near_duplicate_confirms_and_the_reviewer_reads_why(
    live_server, reference_data, library, search_index, page, screenshot
):
    from casebase.cases.demo_accounts import create_demo_accounts
    from search import indexing

    create_demo_accounts()
    published = create_case(ref="T-DUP-PUB-1")
    for number, texts in enumerate(OTHER_CASES, start=2):
        create_case(ref=f"T-DUP-PUB-{number}", **texts)
    indexing.bulk_index(indexing.searchable_cases())
    indexing.refresh()
    draft = create_case(ref="T-DUP-DRAFT", publish=False, title="杭州某化工公司未密闭收集挥发性有机物废气案")
    base = live_server.url

    sign_in(page, base, "city_hangzhou")
    open_editor(page, base, draft)
    panel = page.locator("[data-similar-cases]")
    panel.scroll_into_view_if_needed()
    assert published.title in panel.inner_text() and "高度相似" in panel.inner_text()
    screenshot("duplicates-1-panel")

    footer_action(page, "button[name='action-submit']")
    page.wait_for_selector("text=本案例与已有案例高度相似")
    assert step(draft) is None
    page.locator("#id_duplicate_confirmed").scroll_into_view_if_needed()
    screenshot("duplicates-2-asked-to-confirm")
    page.check("#id_duplicate_confirmed")
    page.fill("#id_duplicate_reason", REASON)
    footer_action(page, "button[name='action-submit']")
    wait_until(lambda: step(draft) == "业务审核")

    sign_in(page, base, "reviewer_business")
    open_editor(page, base, draft)
    confirmation = page.locator(".casebase-duplicate-reason")
    confirmation.scroll_into_view_if_needed()
    assert REASON in confirmation.inner_text()
    assert published.title in page.locator("[data-similar-cases]").inner_text()
    assert "已发布" in page.locator(".casebase-coverage").inner_text()
    screenshot("duplicates-3-reviewer")
    assert CasePage.objects.get(pk=draft.pk).duplicate_confirmations.get().reason == REASON
