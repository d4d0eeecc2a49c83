"""/search/saved/: saving from the search page, renaming, switching, deleting; refused input
in Chinese; each officer sees and touches their own saved searches only."""
import pytest
from django.test import Client
from django.urls import reverse

from casebase.alerts.forms import MAX_SAVED_SEARCHES
from casebase.alerts.models import SavedSearch
from tests.alerts.conftest import save_search

pytestmark = pytest.mark.django_db


def test_an_officer_saves_the_search_of_the_search_page(officer):
    page = officer.get("/search/", {"q": "暗管", "violation_type": "水污染"}).content.decode()
    assert "保存此检索" in page
    response = save_search(officer, "q=暗管&violation_type=水污染&sort=-date&page=2&page_size=50", name="暗管排污")
    assert response.status_code == 302 and response["Location"] == "/search/saved/"
    search = SavedSearch.objects.get()
    assert search.query == "q=%E6%9A%97%E7%AE%A1&sort=-date&violation_type=%E6%B0%B4%E6%B1%A1%E6%9F%93"  # no paging
    listing = officer.get("/search/saved/").content.decode()
    assert "暗管排污" in listing and "检索词：暗管" in listing and "违法类型：水污染" in listing
    assert "排序：决定日期（新→旧）" in listing


def test_rename_switch_and_delete(officer):
    save_search(officer, "q=扬尘")
    search = SavedSearch.objects.get()
    response = officer.post(reverse("alerts:edit", args=[search.pk]), {f"s{search.pk}-name": "工地扬尘", f"s{search.pk}-frequency": "daily"})
    assert response.status_code == 302
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("工地扬尘", "daily")
    assert officer.post(reverse("alerts:delete", args=[search.pk])).status_code == 302
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize("query, message", [
    ("year=二〇二四", "年份（year）有误：年份应为四位数字，如 2024"),
    ("article=大气法第一百零八条", "条款（article）有误"),
    ("sort=fine", "排序（sort）有误：应为 relevance、-date、-fine 之一"),
    ("fine_min=5&fine_max=1", "罚款上限（fine_max）有误：罚款上限不能小于下限"),
    ("q=%00", "检索词（q）有误：含有不可见的控制字符"),
    ("industry=C26" + "&industry=C26" * 10 + "&q=" + "很长" * 1000, "检索条件过长"),
])
def test_invalid_parameters_are_refused_in_chinese(officer, query, message, caplog):
    caplog.set_level("INFO", logger="casebase.alerts.views")
    response = save_search(officer, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SavedSearch.objects.exists()
    if "有误" in message:  # the log says, in English, which parameter was refused
        assert "saving a search refused: search parameter" in caplog.text


@pytest.mark.parametrize("fields, message", [
    ({"name": ""}, "请为检索起一个名称"),
    ({"name": "名" * 61}, "名称最多 60 个字"),
    ({"name": "检索\x1b"}, "名称含有不可见的控制字符"),
    ({"frequency": "hourly"}, "选择一个有效的选项"),
])
def test_invalid_names_and_frequencies_are_refused_in_chinese(officer, fields, message):
    response = officer.post(reverse("alerts:list"), {"name": "扬尘", "query": "q=扬尘", "frequency": "instant", **fields})
    assert response.status_code == 400 and message in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_an_officer_keeps_a_limited_number_of_searches(officer, accounts):
    owner = accounts["officer_hangzhou"]
    SavedSearch.objects.bulk_create(SavedSearch(owner=owner, name=f"检索{n}", query="q=扬尘") for n in range(MAX_SAVED_SEARCHES))
    response = save_search(officer, "q=暗管")
    assert response.status_code == 400 and f"最多保存 {MAX_SAVED_SEARCHES} 个检索" in response.content.decode()


def test_an_officer_sees_and_touches_only_their_own_searches(officer, wenzhou_officer):
    save_search(officer, "q=暗管", name="杭州的私人检索")
    search = SavedSearch.objects.get()
    client = Client()
    client.force_login(wenzhou_officer)
    assert "杭州的私人检索" not in client.get("/search/saved/").content.decode()
    for url in (reverse("alerts:edit", args=[search.pk]), reverse("alerts:delete", args=[search.pk])):
        assert client.post(url, {f"s{search.pk}-name": "改名", f"s{search.pk}-frequency": "off"}).status_code == 404
    assert client.get(reverse("alerts:open", args=[search.pk])).status_code == 404
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("杭州的私人检索", "instant")


@pytest.mark.parametrize("username", ["city_hangzhou", "reviewer_legal", "committee_1"])
def test_other_roles_keep_no_saved_searches(login, search_index, username):
    client = login(username)
    assert "保存此检索" not in client.get("/search/", {"q": "暗管"}).content.decode()
    assert client.get("/search/saved/").status_code == 403
    assert save_search(client, "q=暗管").status_code == 403
    assert not SavedSearch.objects.exists()


def test_anonymous_visitors_sign_in_first(client, search_index):
    response = client.get("/search/saved/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=/search/saved/")
    assert "保存此检索" not in client.get("/search/", {"q": "暗管"}).content.decode()
