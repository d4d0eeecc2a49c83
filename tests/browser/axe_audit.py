"""axe-core (npm, pinned in package-lock.json, installed by `make setup`) run inside a Playwright page.

Only the rules of WCAG 2.1 levels A and AA are run (axe's tags wcag2a, wcag2aa, wcag21a,
wcag21aa): what GB/T 37668-2019 asks of a web site.
"""
import json
from pathlib import Path

import pytest

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make setup` (npm ci installs axe-core)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def audit(page, exclude: list[str] | None = None) -> list[dict]:
    """The WCAG 2.1 A/AA violations on the page as it is now, outside the `exclude` selectors.

    The page's context must be opened with bypass_csp=True: axe is injected as a script the
    site's Content-Security-Policy would refuse."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    context = {"exclude": [[selector] for selector in exclude or []]}
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    result = page.evaluate("([context, options]) => axe.run(context.exclude.length ? context : document, options)",
                           [context, options])
    return result["violations"]


def describe(violations: list[dict]) -> str:
    """One line per failing element: the rule, its impact, the element and axe's explanation."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(f"{violation['id']} ({violation['impact']}): {json.dumps(node['target'], ensure_ascii=False)} "
                         f"{node['html'][:160]} — {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)
