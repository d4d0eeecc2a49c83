"""Personal data: the title is public too, 15-digit (pre-1999) ID numbers are found, bank
account numbers are checked with python-stdnum's Luhn."""
import pytest
from django.urls import reverse

from casebase.cases.models import CasePage
from nlp import find_pii
from tests.editor import current_task_state, edit
from tests.factories import create_case

OLD_ID = "330106900715456"  # born 1990-07-15 in 杭州市西湖区, issued before 1999
NEW_ID = "330106199007154565"
TITLE_WITH_PHONE = "杭州某化工有限公司负责人（联系电话13812345678）偷排废水案"


def spans(text):
    return [(s.kind, text[s.start:s.end]) for s in find_pii(text)]


@pytest.mark.parametrize("text, found", [
    (f"身份证号：{OLD_ID}", [("id_number", OLD_ID)]),
    (f"公民身份号码{NEW_ID}", [("id_number", NEW_ID)]),
    ("身份证号：330106901315456", []),  # month 13
    ("身份证号：330106900230456", []),  # 30 February
    ("身份证号：000000900715456", []),  # no such place
    ("营业执照注册号330100000012345", []),  # a business's 15-digit registration number
])
def test_fifteen_digit_id_numbers_with_a_valid_date_and_place(text, found):
    assert spans(text) == found


def test_bank_accounts_are_luhn_checked_by_stdnum():
    assert spans("编号4111111111111111") == [("bank_account", "4111111111111111")]  # Luhn-valid
    assert spans("编号4111111111111112") == []


@pytest.fixture
def draft_with_pii_in_the_title(accounts, search_index):
    return create_case(publish=False, title=TITLE_WITH_PHONE)


@pytest.mark.django_db
def test_personal_data_in_the_title_blocks_submission(login, draft_with_pii_in_the_title):
    response = edit(login("city_hangzhou"), draft_with_pii_in_the_title)
    assert response.status_code == 200
    assert "“标题”含有个人信息：电话号码“13812345678”" in response.content.decode()
    assert current_task_state(draft_with_pii_in_the_title) is None


@pytest.mark.django_db
def test_the_editor_panel_lists_and_redacts_the_title(login, draft_with_pii_in_the_title):
    client = login("city_hangzhou")
    case = draft_with_pii_in_the_title
    panel = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk])).content.decode()
    assert "电话号码“13812345678”" in panel and "标题和公开部分含有 1 处个人信息" in panel
    assert client.post(reverse("cases_redact", args=[case.pk])).status_code == 302
    redacted = CasePage.objects.get(pk=case.pk).get_latest_revision_as_object().title
    assert "13812345678" not in redacted and "****" in redacted
    assert edit(client, case).status_code == 302
    assert current_task_state(case).task.name == "业务审核"
