"""The case editor's region and industry fields: pre-filled for a city's submitter, the county
list limited to the chosen city, industries found by code or name in a chooser."""
import re

import pytest
from django.urls import reverse

from casebase.cases.models import CityIndexPage
from casebase.taxonomy.models import Division
from tests.editor import edit
from tests.factories import create_case

pytestmark = pytest.mark.django_db


def division(name: str, level: int) -> Division:
    return Division.objects.get(name=name, level=level, is_placeholder=False)


def options(html: str, field: str) -> dict[str, str]:
    """{value: label} of the <select name=field>, and the selected value under key "selected"."""
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', html, re.S).group(1)
    found = dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select))
    selected = re.search(r'<option value="(\d+)"[^>]*selected', select)
    return {**found, "selected": selected.group(1) if selected else None}


@pytest.fixture
def new_case_form(login, accounts):
    hangzhou = CityIndexPage.objects.get(title="杭州市")
    response = login("city_hangzhou").get(reverse("wagtailadmin_pages:add", args=["cases", "casepage", hangzhou.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_case_of_a_city_starts_with_its_province_and_city(new_case_form):
    assert options(new_case_form, "province")["selected"] == str(division("浙江省", 1).pk)
    assert options(new_case_form, "city")["selected"] == str(division("杭州市", 2).pk)


def test_the_county_list_holds_the_chosen_citys_counties_only(new_case_form):
    counties = options(new_case_form, "county")
    counties.pop("selected")
    hangzhou_counties = {str(pk) for pk in Division.objects.filter(parent__name="杭州市", level=3).values_list("pk", flat=True)}
    assert set(counties) == hangzhou_counties and "西湖区" in counties.values()
    assert Division.objects.filter(level=3).count() > 2900  # what the list held before
    cities = options(new_case_form, "city")
    assert "温州市" in cities.values() and "昆明市" not in cities.values()  # Zhejiang's cities only


def test_the_lists_are_refilled_by_a_static_script_without_inline_code(new_case_form):
    county = re.search(r'<select name="county"[^>]*>', new_case_form).group(0)
    assert 'data-region-parent="id_city"' in county and 'data-region-url="/admin/cases/regions/"' in county
    assert "cases/region_fields.js" in new_case_form
    assert "region-parent" not in "".join(re.findall(r"<script>(.*?)</script>", new_case_form, re.S))


def test_the_region_endpoint_lists_the_children_of_a_division(login, accounts):
    client = login("city_hangzhou")
    wenzhou = division("温州市", 2)
    data = client.get(reverse("cases_region_children"), {"parent": wenzhou.pk, "level": 3}).json()
    names = {child["name"] for child in data["children"]}
    assert "鹿城区" in names and "西湖区" not in names
    zhejiang = division("浙江省", 1)
    cities = {c["name"] for c in client.get(reverse("cases_region_children"), {"parent": zhejiang.pk, "level": 2}).json()["children"]}
    assert {"杭州市", "温州市"} <= cities and "昆明市" not in cities
    refused = client.get(reverse("cases_region_children"), {"parent": "x", "level": 9})
    assert refused.status_code == 400 and "参数无效" in refused.json()["error"]


def test_a_county_is_accepted_with_its_city_and_refused_with_another(login, accounts, search_index):
    case = create_case(ref="ZJ-HZ-ED-001", publish=False, user=accounts["city_hangzhou"])
    client = login("city_hangzhou")
    wenzhou, lucheng = division("温州市", 2), Division.objects.get(name="鹿城区", level=3)
    assert edit(client, case, action=None, city=wenzhou.pk, county=lucheng.pk).status_code == 302
    case.refresh_from_db()
    assert case.get_latest_revision_as_object().county_id == lucheng.pk
    refused = edit(client, case, action=None, city=division("杭州市", 2).pk, county=lucheng.pk)
    assert refused.status_code == 200 and "选择一个有效的选项" in refused.content.decode()


def test_industries_are_chosen_by_searching_code_or_name(login, accounts, new_case_form):
    assert '<select name="industry"' not in new_case_form  # no flat list of every industry
    assert reverse("industry_chooser:choose") in new_case_form
    client = login("city_hangzhou")
    by_code = client.get(reverse("industry_chooser:choose_results"), {"q": "C26"}).content.decode()
    assert "C26 化学原料和化学制品制造业" in by_code and "C2614" in by_code and "C33" not in by_code
    by_name = client.get(reverse("industry_chooser:choose_results"), {"q": "造纸"}).content.decode()
    assert "C22 造纸和纸制品业" in by_name
    assert "化学原料" not in by_name

