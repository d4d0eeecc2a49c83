"""The titles of another city's drafts appear nowhere in the admin: page chooser (search and
browse), workflow previews and their messages. A city sees its own city and published pages."""
import json

import pytest
from django.urls import reverse
from wagtail.models import Task

from tests.editor import current_task_state, edit
from tests.factories import create_case

pytestmark = pytest.mark.django_db

SECRET = "印染有限公司超标排放"  # part of the draft's title that no query below contains


@pytest.fixture
def wenzhou_draft(accounts):
    return create_case(publish=False, city="温州市", county="鹿城区", title=f"温州某{SECRET}废水案")


@pytest.fixture
def hangzhou_draft(accounts):
    return create_case(publish=False, title="杭州某印染公司私设暗管排放废水案")


def text_of(response) -> str:
    """The response as a reader sees it: the chooser answers JSON with escaped HTML."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def test_the_page_chooser_search_finds_own_city_and_published_pages_only(login, wenzhou_draft, hangzhou_draft):
    published = create_case(publish=True, city="温州市", county="鹿城区", title="温州某印染公司已发布案")
    found = text_of(login("city_hangzhou").get(reverse("wagtailadmin_choose_page_search"), {"q": "印染"}))
    assert SECRET not in found
    assert hangzhou_draft.title in found and published.title in found
    assert SECRET in text_of(login("city_wenzhou").get(reverse("wagtailadmin_choose_page_search"), {"q": "印染"}))


def test_browsing_another_citys_index_in_the_chooser_hides_its_drafts(login, wenzhou_draft):
    client = login("city_hangzhou")
    index = client.get(reverse("wagtailadmin_choose_page_child", args=[wenzhou_draft.get_parent().pk]))
    assert index.status_code == 200 and SECRET not in text_of(index)
    assert SECRET in text_of(login("province_admin").get(
        reverse("wagtailadmin_choose_page_child", args=[wenzhou_draft.get_parent().pk])))


def test_browsing_a_draft_of_another_city_in_the_chooser_is_not_found(login, wenzhou_draft):
    response = login("city_hangzhou").get(reverse("wagtailadmin_choose_page_child", args=[wenzhou_draft.pk]))
    assert response.status_code == 404 and SECRET not in text_of(response)
    own = login("city_wenzhou").get(reverse("wagtailadmin_choose_page_child", args=[wenzhou_draft.pk]))
    assert own.status_code == 200


@pytest.mark.parametrize("task_name", ["业务审核", "法制审核"])
def test_the_workflow_preview_never_names_another_citys_draft(login, wenzhou_draft, task_name):
    task = Task.objects.get(name=task_name)
    response = login("city_hangzhou").get(
        reverse("wagtailadmin_pages:workflow_preview", args=[wenzhou_draft.pk, task.pk]), follow=True)
    assert response.status_code == 404
    assert SECRET not in text_of(response)


def test_the_reviewer_of_the_current_step_still_previews_it(login, wenzhou_draft):
    assert edit(login("city_wenzhou"), wenzhou_draft).status_code == 302
    task = current_task_state(wenzhou_draft).task
    url = reverse("wagtailadmin_pages:workflow_preview", args=[wenzhou_draft.pk, task.pk])
    assert login("reviewer_business").get(url).status_code == 200
    assert login("city_hangzhou").get(url).status_code == 404
