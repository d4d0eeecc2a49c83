"""Regenerate the derived data files in ``nlp/data`` from the shared reference data.

Run ``python -m nlp build-data /path/to/shared`` after the laws or divisions
change.  Hand-written files (aliases, gazetteers, rules) are not touched.
"""
from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
_IN_FORCE = re.compile(r"(?:本法|本条例|本办法|本解释|本规定)自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
_FILE_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)\.md$")


def build_laws(laws_dir: Path) -> list[dict]:
    """One entry per law file: title, adoption date and the date it took effect.

    The effective date is the later of the adoption date and the date in the
    law's own 自…起施行 clause (amendments keep the original clause).
    """
    laws = []
    for path in sorted(laws_dir.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        first = text.split("\n", 1)[0]
        match = _FILE_DATE.search(path.name)
        if not first.startswith("# ") or path.name == "SOURCES.md":
            continue
        adopted = match.group(1) if match else None
        in_force = adopted
        clause = _IN_FORCE.findall(text)
        if clause:
            stated = date(*map(int, clause[-1])).isoformat()
            in_force = max(filter(None, [adopted, stated]))
        laws.append({"title": first[2:].strip(), "adopted": adopted, "in_force": in_force,
                     "file": path.name})
    return laws


def build_divisions(csv_path: Path) -> list[list[str]]:
    """Rows ``[code, name, level, parent_code, flag]`` without NBS functional zones."""
    with csv_path.open(encoding="utf-8") as handle:
        return [[r["code"], r["name"], r["level"], r["parent_code"], r["flag"]]
                for r in csv.DictReader(handle) if r["flag"] != "nbs_functional_zone"]


def build_industries(csv_path: Path) -> dict[str, str]:
    """GB/T 4754-2017 大类 (divisions): ``{"C26": "化学原料和化学制品制造业", …}``."""
    with csv_path.open(encoding="utf-8") as handle:
        return {r["section"] + r["code"]: r["name"]
                for r in csv.DictReader(handle) if r["level"] == "2"}


def main(shared: Path) -> None:
    DATA_DIR.mkdir(exist_ok=True)
    outputs = {
        "laws.json": build_laws(shared / "laws"),
        "divisions.json": build_divisions(shared / "data" / "admin_divisions_nbs2023.csv"),
        "industries.json": build_industries(shared / "data" / "gbt4754_2017_industry.csv"),
    }
    for name, value in outputs.items():
        with (DATA_DIR / name).open("w", encoding="utf-8") as handle:
            handle.write(_dump(value))


def _dump(value: list | dict) -> str:
    """JSON with one top-level element per line, so diffs stay readable."""
    if isinstance(value, dict):
        items = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n}\n"
    return "[\n" + ",\n".join(json.dumps(v, ensure_ascii=False) for v in value) + "\n]\n"
