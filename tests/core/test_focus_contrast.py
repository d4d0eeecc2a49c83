"""The focus indicator has at least 3:1 against every background the public site's stylesheets
paint (WCAG 2.1 1.4.11): computed from the CSS itself, so a new background colour is checked too."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STYLESHEETS = [ROOT / "casebase/static/css/site.css", ROOT / "search/static/search/search.css"]
HEX = r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b"


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour (#rgb or #rrggbb)."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def css_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in STYLESHEETS)


def custom_properties(css: str) -> dict[str, str]:
    return dict(re.findall(rf"--([\w-]+):\s*({HEX})", css))


def backgrounds(css: str) -> set[str]:
    """Every colour a rule paints as a background (literal or through a custom property), and white."""
    variables = custom_properties(css)
    colours = {"#ffffff"}
    for value in re.findall(r"background(?:-color)?:\s*([^;}]+)", css):
        colours |= {c.lower() for c in re.findall(HEX, value)}
        colours |= {variables[name].lower() for name in re.findall(r"var\(--([\w-]+)\)", value) if name in variables}
    return colours


def test_contrast_is_computed_as_wcag_does():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#f0b429", "#ffffff"), 2) == 1.86  # the old focus outline on white (the figure)


def test_the_focus_indicator_has_3_to_1_against_every_background():
    css = css_text()
    assert re.search(r":focus-visible\s*{[^}]*outline:[^;]*var\(--focus-ring\)[^}]*box-shadow:[^;]*var\(--focus-halo\)", css)
    variables = custom_properties(css)
    ring, halo = variables["focus-ring"], variables["focus-halo"]
    assert contrast(ring, halo) >= 3
    painted = backgrounds(css)
    assert {"#0b5d3b", "#f7f9fb", "#fff8e1"} <= painted  # the header, the panels, the notices
    too_faint = {bg: round(max(contrast(ring, bg), contrast(halo, bg)), 2) for bg in painted
                 if max(contrast(ring, bg), contrast(halo, bg)) < 3}
    assert not too_faint
