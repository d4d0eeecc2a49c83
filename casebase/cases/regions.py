"""The province / city / county fields of the case editor: what each list offers.

China has about 2,976 county-level units: the county list holds only those of the chosen city
(or, for a municipality without a city, of the province), and the city list only the chosen
province's cities. `casebase/static/cases/region_fields.js` refills the lists from
`selectable_children` when the user changes the province or city.
"""
from django.db.models import Q
from django.http import JsonResponse

from casebase.taxonomy.models import Division


def selectable_children(parent_id, level: int):
    """Divisions of `level` directly under `parent_id`, or under its placeholder rows
    (市辖区, 省直辖县级行政区划: NBS grouping rows that are never offered)."""
    return Division.objects.filter(level=level, is_placeholder=False).filter(
        Q(parent_id=parent_id) | Q(parent__parent_id=parent_id, parent__is_placeholder=True)
    )


def as_int(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() else None


def region_of_city_index(city_index) -> dict:
    """The province and city a case created under `city_index` (a CityIndexPage) belongs to."""
    division = city_index.division
    if division.level == Division.Level.PROVINCE:  # a municipality's own index (北京市)
        return {"province": division.pk}
    return {"province": division.province.pk, "city": division.pk}


def children_json(request):
    """For region_fields.js: {"children": [{"id", "name"}]} of ?level= (2 cities, 3 counties)
    under the division ?parent=."""
    parent, level = as_int(request.GET.get("parent")), as_int(request.GET.get("level"))
    if parent is None or level not in (Division.Level.CITY, Division.Level.COUNTY):
        return JsonResponse({"error": "参数无效：需要上级区划 parent 和层级 level（2 或 3）"}, status=400)
    return JsonResponse({"children": list(selectable_children(parent, level).values("id", "name"))})
