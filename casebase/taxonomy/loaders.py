"""Load the reference taxonomies from `shared/data/` idempotently (update or create by code/name)."""
import csv
import json
from pathlib import Path

from django.db import transaction

from .models import Division, Industry, Measure, ViolationType
from .vocabularies import MEASURES, VIOLATION_TYPES

SUBTYPES_FILE = Path(__file__).parent / "data" / "violation_subtypes.json"


def _full_industry_code(row: dict) -> str:
    return row["code"] if row["level"] == "1" else row["section"] + row["code"]


def _parent_industry_code(row: dict) -> str | None:
    if row["level"] == "1":
        return None
    if row["level"] == "2":
        return row["section"]
    return row["section"] + row["parent_code"]


@transaction.atomic
def load_industries(path: Path) -> int:
    """Loads GB/T 4754-2017; rows come parents first, so parents always exist."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_code = {}
    for row in rows:
        code = _full_industry_code(row)
        parent_code = _parent_industry_code(row)
        node, _ = Industry.objects.update_or_create(
            code=code,
            defaults={
                "name": row["name"],
                "level": int(row["level"]),
                "description": row["description"],
                "parent": by_code[parent_code] if parent_code else None,
            },
        )
        by_code[code] = node
    return len(rows)


@transaction.atomic
def load_divisions(path: Path) -> int:
    """Loads the NBS 2023 divisions, keeping the flags its SOURCES.md describes."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: int(r["level"]))
    by_code = {}
    for row in rows:
        node, _ = Division.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "level": int(row["level"]),
                "parent": by_code.get(row["parent_code"]),
                "is_placeholder": row["flag"] == "nbs_placeholder",
                "is_functional_zone": row["flag"] == "nbs_functional_zone",
            },
        )
        by_code[row["code"]] = node
    return len(rows)


@transaction.atomic
def load_vocabularies(labels_path: Path | None = None) -> tuple[int, int]:
    """Loads the contract vocabularies, plus practitioner subtypes when their file is given."""
    for order, name in enumerate(VIOLATION_TYPES):
        ViolationType.objects.update_or_create(name=name, defaults={"sort_order": order, "parent": None})
    for order, name in enumerate(MEASURES):
        Measure.objects.update_or_create(name=name, defaults={"sort_order": order})
    subtypes = 0
    if labels_path and labels_path.exists():
        parents = json.loads(SUBTYPES_FILE.read_text(encoding="utf-8"))
        for order, item in enumerate(json.loads(labels_path.read_text(encoding="utf-8"))["items"]):
            parent_name = parents.get(item["label"])
            if parent_name is None:
                continue
            ViolationType.objects.update_or_create(
                name=item["label"],
                defaults={
                    "parent": ViolationType.objects.get(name=parent_name),
                    "description": item["description"],
                    "sort_order": 100 + order,
                },
            )
            subtypes += 1
    return len(VIOLATION_TYPES) + subtypes, len(MEASURES)
