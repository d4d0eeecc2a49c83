"""Reviewers' search in the admin: Chinese queries over drafts, scoped by page permissions."""
import pytest
from django.contrib.auth.models import Group, Permission

from casebase.review.roles import submitter_group_name
from nlp import segment
from search.admin_backend import segment_query
from tests.factories import create_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(library, search_index):
    return {
        "hangzhou": create_case(ref="T-ADM-1", title="杭州某漆包线厂挥发性有机物无组织排放案", publish=False),
        "wenzhou": create_case(ref="T-ADM-2", title="温州某鞋厂挥发性有机物无组织排放案", city="温州市", county=None, publish=False),
    }


def submitter(django_user_model, city: str):
    user = django_user_model.objects.create_user(username=f"submitter-{city}", password="x")
    user.groups.add(Group.objects.get(name=submitter_group_name(city)))
    return user


def admin_search(client, q: str) -> str:
    response = client.get("/admin/pages/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_a_citys_submitters_find_only_their_own_citys_drafts(client, django_user_model, drafts):
    client.force_login(submitter(django_user_model, "杭州市"))
    html = admin_search(client, "挥发性有机物")
    assert "杭州某漆包线厂挥发性有机物无组织排放案" in html
    assert "温州某鞋厂挥发性有机物无组织排放案" not in html


def test_reviewers_with_wider_permissions_find_every_citys_drafts(client, admin_user, drafts):
    client.force_login(admin_user)
    html = admin_search(client, "无组织排放")
    assert "杭州某漆包线厂" in html and "温州某鞋厂" in html


def test_queries_are_segmented_like_the_indexed_text():
    from modelsearch.query import PlainText

    assert segment_query("挥发性有机物无组织排放").split() == segment("挥发性有机物无组织排放")
    segmented = segment_query(PlainText("私设暗管排放废水", operator="and"))
    assert isinstance(segmented, PlainText) and segmented.operator == "and" and " " in segmented.query_string


def test_discretion_panel_beside_the_fine_field_for_editors_only(client, django_user_model, admin_user, corpus):
    case = corpus["T-PIPE-1"]
    client.force_login(admin_user)
    html = client.get(f"/admin/casebase-discretion/{case.pk}/").content.decode()
    assert "裁量参考" in html and "《中华人民共和国水污染防治法》第八十三条" in html and "50万元" in html
    editor = client.get(f"/admin/pages/{case.pk}/edit/").content.decode()
    assert "data-discretion-url=\"/admin/casebase-discretion/{id}/\"" in editor
    client.force_login(submitter(django_user_model, "杭州市"))
    refused = client.get(f"/admin/casebase-discretion/{case.pk}/")  # Wagtail turns 403 into a redirect home
    assert refused.status_code in (302, 403) and "裁量参考" not in refused.content.decode()


@pytest.fixture
def under_review(login, drafts):
    """Hangzhou's draft submitted for review (in 业务审核); Wenzhou's draft never submitted."""
    from tests.editor import edit

    client = login("city_hangzhou")
    assert edit(client, drafts["hangzhou"]).status_code == 302
    client.get("/admin/")  # shows (and so clears) the "submitted" message of the shared client
    return drafts


@pytest.mark.parametrize("reviewer", ["reviewer_business", "reviewer_legal", "committee_1"])
def test_reviewers_find_the_cases_under_review_and_nothing_else(login, under_review, reviewer):
    html = admin_search(login(reviewer), "挥发性有机物")
    assert "杭州某漆包线厂挥发性有机物无组织排放案" in html
    assert "温州某鞋厂挥发性有机物无组织排放案" not in html  # a draft nobody submitted
    assert "对不起，你没有权限访问" not in html


def test_the_dashboard_search_box_of_a_reviewer_leads_to_the_case_search(login, under_review):
    client = login("reviewer_business")
    response = client.get("/admin/pages/", {"q": "漆包线"}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/admin/pages/search/?q=%E6%BC%86%E5%8C%85%E7%BA%BF"
    assert "杭州某漆包线厂挥发性有机物无组织排放案" in html and "对不起，你没有权限访问" not in html


def test_reviewers_have_a_search_box_in_the_sidebar(login, under_review):
    dashboard = login("reviewer_business").get("/admin/").content.decode()
    assert '"wagtail.sidebar.SearchModule"' in dashboard and "/admin/pages/search/" in dashboard


def test_the_wider_scope_is_for_reviewers_only(login, under_review, django_user_model):
    html = admin_search(login("city_wenzhou"), "挥发性有机物")
    assert "温州某鞋厂挥发性有机物无组织排放案" in html
    assert "杭州某漆包线厂挥发性有机物无组织排放案" not in html  # under review, but another city's



def test_admin_users_without_a_role_still_may_not_search(client, under_review, django_user_model):
    outsider = django_user_model.objects.create_user(username="outsider", password="x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    response = client.get("/admin/pages/search/", {"q": "挥发性有机物"})
    assert response.status_code == 302 and "杭州某漆包线厂" not in response.content.decode()
