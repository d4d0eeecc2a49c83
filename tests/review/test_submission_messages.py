"""The submission checks name the real reason a case cannot go to review."""
import pytest
from wagtail.test.utils.form_data import rich_text

from tests.editor import current_task_state, edit

pytestmark = pytest.mark.django_db


def test_a_section_with_personal_data_is_reported_as_such_not_as_empty(login, draft):
    facts = "<p>2024年3月，执法人员接举报人张三（联系电话13812345678）举报后进行现场检查。</p>"
    response = edit(login("city_hangzhou"), draft, basic_facts=rich_text(facts))
    assert response.status_code == 200
    html = response.content.decode()
    assert "“基本案情”含有个人信息" in html
    assert "提交审核前请填写“基本案情”" not in html
    assert current_task_state(draft) is None
