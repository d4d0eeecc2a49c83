"""How a written place becomes divisions: one test per rule (casebase/taxonomy/regions.py).
A place is never refused for how it is written; what matches no division is kept as text."""
import pytest
from django.core.exceptions import ValidationError

from casebase.taxonomy.regions import check_region, resolve_region

pytestmark = pytest.mark.django_db


def names(placement):
    return tuple(d.name if d else None for d in placement.as_tuple())


def test_official_names_resolve_as_written():
    placement = resolve_region("浙江省", "杭州市", "余杭区")
    assert names(placement) == ("浙江省", "杭州市", "余杭区")
    assert (placement.as_written, placement.warning) == ("", "")


def test_a_municipality_written_as_its_own_city_has_no_city():
    assert names(resolve_region("北京市", "北京市", "东城区")) == ("北京市", None, "东城区")


@pytest.mark.parametrize(("province", "written", "placeholder"), [
    ("北京市", "东城区", "市辖区"), ("天津市", "静海区", "市辖区"), ("上海市", "宝山区", "市辖区"), ("重庆市", "忠县", "县"),
])
def test_a_municipalitys_district_or_county_written_as_the_city_becomes_its_county(province, written, placeholder):
    placement = resolve_region(province, written, None)
    assert names(placement) == (province, None, written)
    assert placement.county.parent.name == placeholder and placement.county.parent.is_placeholder
    assert placement.as_written == ""
    check_region(*placement.as_tuple())  # what the case page's own validation accepts


@pytest.mark.parametrize(("province", "written"), [
    ("湖北省", "潜江市"), ("海南省", "五指山市"), ("海南省", "陵水黎族自治县"), ("新疆维吾尔自治区", "石河子市"), ("河南省", "济源市"),
])
def test_a_county_level_unit_directly_under_a_province_keeps_its_placeholder_parent(province, written):
    placement = resolve_region(province, written, None)
    assert names(placement) == (province, None, written)
    assert placement.county.parent.is_placeholder
    assert placement.as_written == ""
    check_region(*placement.as_tuple())


def test_a_county_level_city_written_as_the_city_gets_its_real_prefecture():
    assert names(resolve_region("江苏省", "江阴市", None)) == ("江苏省", "无锡市", "江阴市")


def test_short_forms_of_province_and_city_resolve():
    placement = resolve_region("浙江", "杭州", None)
    assert names(placement) == ("浙江省", "杭州市", None)
    assert placement.as_written == ""


def test_an_nbs_functional_zone_resolves_as_a_county():
    assert names(resolve_region("吉林省", "长春市", "长春净月高新技术产业开发区"))[2] == "长春净月高新技术产业开发区"


def test_a_district_the_nbs_list_lacks_is_kept_as_text_with_a_warning():
    placement = resolve_region("辽宁省", "大连市", "金普新区")
    assert names(placement) == ("辽宁省", "大连市", None)
    assert placement.as_written == "辽宁省大连市金普新区"
    assert "“金普新区”未能对应到行政区划" in placement.warning


def test_a_bingtuan_division_lies_in_xinjiang_and_is_kept_as_text():
    placement = resolve_region("新疆生产建设兵团", "第八师", None)
    assert names(placement) == ("新疆维吾尔自治区", None, None)
    assert placement.as_written == "新疆生产建设兵团第八师"
    assert placement.unresolved == ["新疆生产建设兵团", "第八师"]


def test_a_city_of_another_province_is_kept_as_text_not_moved():
    placement = resolve_region("浙江省", "昆明市", "五华区")
    assert names(placement) == ("浙江省", None, None)
    assert placement.unresolved == ["昆明市", "五华区"]


def test_a_county_outside_the_written_city_is_kept_as_text():
    placement = resolve_region("浙江省", "杭州市", "鹿城区")
    assert names(placement) == ("浙江省", "杭州市", None)
    assert placement.unresolved == ["鹿城区"]


@pytest.mark.parametrize("province", ["浙紅省", "某"])
def test_a_misspelt_province_is_found_from_a_city_unique_in_the_country(province):
    placement = resolve_region(province, "杭州市", None)
    assert names(placement) == ("浙江省", "杭州市", None)
    assert placement.unresolved == [province]


def test_only_a_place_without_any_province_is_refused():
    with pytest.raises(ValidationError, match="无法确定省份"):
        resolve_region("火星省", "不存在市", None)
