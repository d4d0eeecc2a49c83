"""Resolve region names (province / city / county) to consistent Division rows."""
from django.core.exceptions import ValidationError

from .models import Division

MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}


def _one(name: str, level: int, field: str, within: Division | None) -> Division:
    candidates = Division.objects.filter(name=name, level=level, is_placeholder=False)
    if within is not None:
        candidates = [d for d in candidates if within in d.ancestors()]
    else:
        candidates = list(candidates)
    if not candidates:
        where = f"“{within.name}”下" if within else ""
        raise ValidationError({field: f"{where}没有名为“{name}”的行政区划"})
    return candidates[0]


def resolve_region(province: str, city: str | None, county: str | None) -> tuple[Division, Division | None, Division | None]:
    """Returns (province, city, county); raises ValidationError naming the field that does not fit.

    For a municipality (北京市…) the city may be given as the municipality itself; it is then None.
    """
    if not province:
        raise ValidationError({"province": "请填写省份"})
    province_obj = _one(province, Division.Level.PROVINCE, "province", None)
    city_obj = None
    if city and not (province in MUNICIPALITIES and city == province):
        city_obj = _one(city, Division.Level.CITY, "city", province_obj)
    county_obj = None
    if county:
        county_obj = _one(county, Division.Level.COUNTY, "county", city_obj or province_obj)
    return province_obj, city_obj, county_obj


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
