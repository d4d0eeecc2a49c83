"""Command line: ``python -m nlp extract|evaluate|build-data``."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from .api import extract


def extract_lines(lines: TextIO, out: TextIO) -> int:
    """CONTRACTS §3: one JSON line out per line in; bad lines get an ``error``.

    Optional input field ``decided_on`` (YYYY-MM-DD) selects law versions.
    Returns the number of bad lines.
    """
    bad = 0
    for line in lines:
        record_id = None
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("line is not a JSON object")
            record_id = record.get("id")
            text = record.get("text")
            if not isinstance(text, str):
                raise ValueError('"text" must be a string')
            decided = record.get("decided_on")
            facts = extract(text, date.fromisoformat(decided) if decided else None)
            result = {"id": record_id, "facts": facts.to_dict()}
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            bad += 1
            result = {"id": record_id, "error": str(exc) or type(exc).__name__}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlp")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help="JSON Lines {id, text} on stdin → {id, facts} on stdout")
    evaluate = commands.add_parser("evaluate", help="precision/recall/F1 against a gold JSONL file")
    evaluate.add_argument("gold", type=Path, help="a gold JSONL file, or the real cases' cases.jsonl")
    evaluate.add_argument("--industries", type=Path, default=None,
                          help="industry coding of the real cases (default fixtures/real_case_industries.jsonl)")
    build = commands.add_parser("build-data", help="regenerate nlp/data from the shared reference data")
    build.add_argument("shared", type=Path, help="the shared folder (with laws/ and data/)")
    args = parser.parse_args(argv)

    if args.command == "extract":
        sys.stdout.reconfigure(encoding="utf-8")
        extract_lines(sys.stdin, sys.stdout)
        return 0
    if args.command == "evaluate":
        from .evaluate import evaluate_file, format_table
        print(format_table(evaluate_file(args.gold, args.industries)))
        return 0
    from .build_data import main as build_data
    build_data(args.shared)
    return 0
