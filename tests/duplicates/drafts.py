"""Drafts that tell a real case again, for the near-duplicate tests."""
import itertools
import json

from django.conf import settings

from tests.factories import create_case

REAL_CASES = settings.SHARED_DIR / "data" / "real_cases" / "cases.jsonl"
_refs = itertools.count(1)


def real_record(ref: str) -> dict:
    for line in REAL_CASES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["ref"] == ref:
            return record
    raise KeyError(ref)


def draft_like(ref: str, user, city: str = "杭州市", county: str = "西湖区", **texts):
    """A draft of `user`'s city telling real case `ref` again (its texts, provisions and types,
    with `texts` replacing title or sections)."""
    record = real_record(ref)
    labels = record["labels"]
    fields = {name: texts.get(name, record[name]) for name in ("title", "basic_facts", "handling", "significance")}
    return create_case(
        publish=False, user=user, ref=f"DUP-{next(_refs):03d}", city=city, county=county, **fields,
        violated=labels["violated"], penalty_basis=labels["penalty_basis"], violation_types=labels["violation_types"],
        measures=labels["measures"], fine_yuan=labels["fine_yuan"], industry=None, keywords=[],
    )
