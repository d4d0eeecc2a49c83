"""Resolve a place as written (province / city / county names) to Division rows.

A place is never refused for how it is written. The rules, in order:
- the province is its official name, a unique short form of it (浙江 → 浙江省), or a provincial-level
  body the NBS list files under a province (新疆生产建设兵团 → 新疆维吾尔自治区); failing those, the
  province of a city or county whose name is unique in the whole country;
- a city written as the municipality itself (北京市 / 北京市) leaves the city empty;
- a county-level unit written as the city becomes the county, and its real prefecture the city:
  a municipality's district or county (北京市 东城区, 重庆市 忠县 sit under the NBS placeholders
  市辖区 / 县), a county-level unit directly under a province (湖北省 潜江市, 海南's 省直辖县,
  新疆's 自治区直辖县级市, under 省直辖县级行政区划) keeps its placeholder parent and no city;
- whatever part still matches no division (a functional district the NBS list lacks, 金普新区; a
  兵团 division, 第八师) is kept as text in `Placement.as_written`, with a warning for people.
Only a province that none of the rules can determine is refused: a case must lie in a province.
"""
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from .models import Division

MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
# Provincial-level bodies that are not divisions; the NBS list files their cities under this province.
PROVINCIAL_BODIES = {"新疆生产建设兵团": "新疆维吾尔自治区"}
PROVINCE = Division.Level.PROVINCE
CITY = Division.Level.CITY
COUNTY = Division.Level.COUNTY


@dataclass
class Placement:
    province: Division
    city: Division | None = None
    county: Division | None = None
    unresolved: list[str] = field(default_factory=list)  # written names that match no division
    written: list[str] = field(default_factory=list)  # the place as written, part by part

    @property
    def as_written(self) -> str:
        """The whole place as written when part of it is unresolved, else empty."""
        return "".join(self.written) if self.unresolved else ""

    @property
    def warning(self) -> str:
        if not self.unresolved:
            return ""
        parts = "、".join(f"“{name}”" for name in self.unresolved)
        return f"地点“{self.as_written}”中的{parts}未能对应到行政区划，已按原文保留，请核对省、市、区县"

    def as_tuple(self) -> tuple[Division, Division | None, Division | None]:
        return self.province, self.city, self.county


def _unique(candidates) -> Division | None:
    found = list(candidates[:2])
    return found[0] if len(found) == 1 else None


def _clean(name) -> str:
    return str(name or "").strip()


def _province(name: str, city: str, county: str) -> Division | None:
    provinces = Division.objects.filter(level=PROVINCE)
    name = PROVINCIAL_BODIES.get(name, name)
    if name:
        found = _unique(provinces.filter(name=name)) or (len(name) >= 2 and _unique(provinces.filter(name__startswith=name)))
        if found:
            return found
    for written, level in ((city, CITY), (county, COUNTY)):
        unit = written and _unique(Division.objects.filter(name=written, level=level, is_placeholder=False))
        if unit:
            return unit.ancestors()[0]
    return None


def _city(province: Division, name: str) -> Division | None:
    cities = Division.objects.filter(level=CITY, parent=province, is_placeholder=False)
    return _unique(cities.filter(name=name)) or (len(name) >= 2 and _unique(cities.filter(name__startswith=name))) or None


def _county_in_province(province: Division, name: str) -> Division | None:
    """A county-level unit of the province, under a real prefecture or under a placeholder."""
    return _unique(Division.objects.filter(level=COUNTY, name=name, parent__parent=province))


def _county_in_city(city: Division, name: str) -> Division | None:
    return _unique(Division.objects.filter(level=COUNTY, name=name, parent=city))


def _prefecture_of(county: Division) -> Division | None:
    """The real prefecture-level parent of a county; None under an NBS placeholder."""
    return None if county.parent.is_placeholder else county.parent


def resolve_region(province: str, city: str | None, county: str | None) -> Placement:
    """The divisions of a written place; ValidationError (field "province") only when no
    province can be determined."""
    province, city, county = _clean(province), _clean(city), _clean(county)
    province_obj = _province(province, city, county)
    if province_obj is None:
        raise ValidationError({"province": f"无法确定省份：“{province or '（空）'}”不是省级行政区划的名称"})
    written = [part for part in dict.fromkeys((province, city, county)) if part]
    placement = Placement(province=province_obj, written=written)
    if province and province != province_obj.name and province not in province_obj.name:
        placement.unresolved.append(province)
    if city and city not in (province, province_obj.name):
        _place_city(placement, city)
    if county and county != city:
        _place_county(placement, county)
    return placement


def _place_city(placement: Placement, name: str) -> None:
    placement.city = _city(placement.province, name)
    if placement.city is None:
        placement.county = _county_in_province(placement.province, name)
        if placement.county is None:
            placement.unresolved.append(name)
        else:
            placement.city = _prefecture_of(placement.county)


def _place_county(placement: Placement, name: str) -> None:
    if placement.county is not None:  # the city field already named a county-level unit
        placement.unresolved.append(name)
        return
    if placement.city is not None:
        placement.county = _county_in_city(placement.city, name)
    else:  # no city, or one that matched nothing: any county of the province
        placement.county = _county_in_province(placement.province, name)
        if placement.county is not None:
            placement.city = _prefecture_of(placement.county)
    if placement.county is None:
        placement.unresolved.append(name)


def check_region(province: Division | None, city: Division | None, county: Division | None) -> None:
    """Raises ValidationError when the levels do not nest (the city must lie in the province…)."""
    errors = {}
    if city is not None and (province is None or province not in city.ancestors()):
        errors["city"] = f"“{city.name}”不属于所选省份"
    if county is not None:
        container = city or province
        if container is None or container not in county.ancestors():
            errors["county"] = f"“{county.name}”不属于所选地市"
    if errors:
        raise ValidationError(errors)
