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

from .resources import DATA_DIR

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


#: Words that end an activity in GB/T 4754 class names (白酒制造, 肉类加工, 风力发电); longest first.
_PROCESS = ("开采洗选", "压延加工", "精加工", "采选", "开采", "洗选", "制造", "加工", "生产", "制作", "种植",
            "饲养", "养殖", "冶炼", "屠宰", "捕捞", "发电", "供应", "处理", "采运", "复烤")
#: Parts of class names that name no product or activity of their own.
_NOT_A_PRODUCT = frozenset(
    "制品 产品 副产品 配件 零件 零配件 零部件 部件 附件 组件 元件 用品 设备 器材 材料 器具 装置 类似品 "
    "专用 日用 相关 海水 内陆 陆地 海洋 常用 普通 一般 初级 综合 其他 服务 活动 管理 工程 生产 制造 加工 "
    "容器 型材 编织品 纤维 助剂 器皿 物品 系统 配套设备 辅助设备 控制设备 相关装置 器械 元器件 "
    "环保 投资 利用 经营 开发 建设 发展 设施".split())
#: Pollution and its control (污水处理, 危险废物治理, 环境保护监测): every enforcement text speaks
#: of them, so terms holding these words are read in party names only, never in running text.
_ENFORCEMENT_WORDS = re.compile(r"污|废|环境|环保|监测|治理|保护|排放|处理|回收")
_SPLIT = re.compile(r"[、，,]|和|及|与|或")
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")


def build_industry_index(csv_path: Path) -> list[list[str]]:
    """Keywords from GB/T 4754-2017 class names and descriptions: rows ``[term, division, where]``.

    Each division, group and class name is split into its parts (肉制品及副产品加工 →
    肉制品 / 副产品加工); a part that ends in an activity word (加工, 制造, 开采 …) is an
    activity, read anywhere in a text (``where`` = ``text``), and the product before that
    word (白酒制造 → 白酒) is read in party names only (``name``).  The products a
    description lists as made (包括通用塑料、工程塑料…的制造) are read in party names
    only, unless a name already gives the term.  A term that more than one division
    would claim is dropped, and so are words that name no product.
    """
    with csv_path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["level"] in ("2", "3", "4")]
    from_names = _claims((row, term_where) for row in rows for term_where in _industry_terms(row["name"]))
    from_descriptions = _claims((row, (term, "name")) for row in rows
                                for term in _listed_products(row["description"]))
    index = _unambiguous(from_names)
    named = set(index)
    index.update((term, row) for term, row in _unambiguous(from_descriptions).items() if term not in named)
    return sorted(index.values(), key=lambda r: (r[1], r[0]))


def _claims(pairs) -> dict[tuple[str, str], set[str]]:
    """``{(term, where): divisions}`` from (csv row, (term, where)) pairs."""
    claims: dict[tuple[str, str], set[str]] = {}
    for row, (term, where) in pairs:
        claims.setdefault((term, where), set()).add(row["section"] + row["code"][:2])
    return claims


def _unambiguous(claims: dict[tuple[str, str], set[str]]) -> dict[str, list[str]]:
    """``{term: [term, division, where]}`` for terms one division claims ('text' over 'name')."""
    divisions_of: dict[str, set[str]] = {}
    for (term, _), divisions in claims.items():
        divisions_of.setdefault(term, set()).update(divisions)
    index = {}
    for (term, where), divisions in sorted(claims.items()):
        if len(divisions_of[term]) == 1 and (term not in index or where == "text"):
            index[term] = [term, next(iter(divisions)), where]
    return index


#: 包括A、B、C的制造: the products a class makes (其他 lists such as 如A、B等 also name materials used).
_LISTED = re.compile(r"包括([^；;。：:，,]+?)的(?:制造|生产|加工)")


def _listed_products(description: str):
    """Products a description says the class makes: 包括A、B、C的制造 (not 不包括 …)."""
    for match in _LISTED.finditer(description):
        if description[max(0, match.start() - 1):match.start()] == "不":
            continue
        for item in _BRACKETS.sub("", match.group(1)).split("、"):
            item = item.strip(" （）()")
            if 2 <= len(item) <= 6 and _names_a_product(item) and not re.search(r"[以及和或的对在为等]|生产", item):
                yield item


def _industry_terms(name: str):
    """(term, where) pairs of one class name."""
    for part in _SPLIT.split(_BRACKETS.sub("", name)):
        part = part.strip().removesuffix("业")
        if len(part) < 2 or part.startswith(("其他", "未列明")) or "专业" in part:
            continue
        process = next((p for p in _PROCESS if part.endswith(p) and len(part) > len(p) + 1), None)
        product = part[:-len(process)] if process else part
        if not _names_a_product(product):
            continue
        if process and not _ENFORCEMENT_WORDS.search(part):
            yield part, "text"
        yield product, "name"


def _names_a_product(product: str) -> bool:
    return (len(product) >= 2 and product not in _NOT_A_PRODUCT and not product.endswith("的")
            and not product.startswith(("其", "非", "类似", "有关")))


def industry_index_text(rows: list[list[str]]) -> str:
    """The content of ``industry_index.tsv``."""
    return ("# Generated by nlp/build_data.py from GB/T 4754-2017 class names; do not edit.\n"
            "# term<TAB>division<TAB>where ('text': anywhere; 'name': in party names only)\n"
            + "".join("\t".join(row) + "\n" for row in rows))


def generate(shared: Path) -> dict[str, str]:
    """The content of every generated file of ``nlp/data``, by file name."""
    industry_csv = shared / "data" / "gbt4754_2017_industry.csv"
    return {
        "laws.json": _dump(build_laws(shared / "laws")),
        "divisions.json": _dump(build_divisions(shared / "data" / "admin_divisions_nbs2023.csv")),
        "industries.json": _dump(build_industries(industry_csv)),
        "industry_index.tsv": industry_index_text(build_industry_index(industry_csv)),
    }


def main(shared: Path) -> None:
    DATA_DIR.mkdir(exist_ok=True)
    for name, content in generate(shared).items():
        (DATA_DIR / name).write_text(content, encoding="utf-8")


def _dump(value: list | dict) -> str:
    """JSON with one top-level element per line, so diffs stay readable."""
    if isinstance(value, dict):
        items = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n}\n"
    return "[\n" + ",\n".join(json.dumps(v, ensure_ascii=False) for v in value) + "\n]\n"
