"""The editor's helper endpoints (the region lists, the industry chooser) in the permission
matrix: every role that edits or reviews cases may use them, nobody signed out may."""
import pytest

from casebase.taxonomy.models import Division

pytestmark = pytest.mark.django_db

ROLES = ["city_hangzhou", "city_wenzhou", "reviewer_business", "reviewer_legal", "committee_1", "province_admin"]


def endpoints():
    zhejiang = Division.objects.get(name="浙江省", level=Division.Level.PROVINCE)
    return {
        "regions": f"/admin/cases/regions/?parent={zhejiang.pk}&level=2",
        "industry_chooser": "/admin/cases/industry-chooser/?q=造纸",
    }


@pytest.mark.parametrize("endpoint", ["regions", "industry_chooser"])
def test_signed_out_visitors_are_sent_to_the_login(client, accounts, endpoint):
    response = client.get(endpoints()[endpoint])
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("endpoint", ["regions", "industry_chooser"])
@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_use_the_editor_helpers(login, role, endpoint):
    response = login(role).get(endpoints()[endpoint])
    assert response.status_code == 200
    if endpoint == "regions":
        assert "杭州市" in [city["name"] for city in response.json()["children"]]
    else:  # the chooser answers its modal with JSON that carries the HTML
        assert "造纸和纸制品业" in response.json()["html"]


def test_the_region_list_refuses_a_malformed_request_in_chinese(login):
    response = login("city_hangzhou").get("/admin/cases/regions/", {"parent": "x", "level": "9"})
    assert response.status_code == 400 and "参数无效" in response.json()["error"]
