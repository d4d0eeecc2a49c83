"""Every admin page each role uses speaks Chinese: no English interface sentence on any of them.

The check reads the rendered HTML as a browser shows it: visible text and the attributes people
read (placeholder, title, aria-label, alt, value of buttons). A run of two or more English words
(lower-case letters; so no codes such as PDF or ZJ-HZ-001) fails, as does "None" shown as a value.
Strings the admin's JavaScript shows come from the JS catalog, checked separately.
"""
import json
import re

import pytest
from bs4 import BeautifulSoup, Comment
from django.urls import reverse

from casebase.cases.models import CityIndexPage
from tests.editor import edit
from tests.factories import create_case

pytestmark = pytest.mark.django_db

READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-placeholder")
WORD = r"[A-Za-z]*[a-z][A-Za-z']*"
ENGLISH_RUN = re.compile(rf"\b{WORD}(?:[\s\d,.;:!?…()/·-]+{WORD})+\b")
NONE_SHOWN = re.compile(r"(?<![A-Za-z])None(?![A-Za-z])")
# Names, not sentences: the product names the admin shows and Chinese law titles never match.
PROPER_NAMES = re.compile(r"\bWagtail\b|\bElasticsearch\b")
# Example addresses in help texts (如 http://domain.com/work/[my-work]/).
URL = re.compile(r"(?:https?://|www\.)\S+")
# E-mail addresses are data (the officers' accounts list them), not text to translate.
EMAIL = re.compile(r"\S+@\S+")


def visible_texts(html: str) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    for hidden in soup(["script", "style", "noscript", "template", "svg", "head"]):
        hidden.decompose()
    for hidden in soup.find_all(attrs={"hidden": True}):  # never shown as rendered
        hidden.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    texts = [s.strip() for s in soup.find_all(string=True) if s.strip()]
    for tag in soup.find_all(True):
        texts += [tag[a] for a in READ_ATTRIBUTES if isinstance(tag.get(a), str)]
        if tag.name == "input" and tag.get("type") in ("submit", "button") and tag.get("value"):
            texts.append(tag["value"])
    return texts


def english_in(html: str) -> list[str]:
    found = []
    for text in visible_texts(html):
        text = EMAIL.sub("", URL.sub("", PROPER_NAMES.sub("", text)))
        found += [m.group(0) for m in ENGLISH_RUN.finditer(text)]
        found += [text for _ in NONE_SHOWN.finditer(text)]
    return sorted(set(found))


def test_the_heuristic_catches_english_and_lets_codes_and_chinese_through():
    html = """<p>There are no 案例更正撤除申请 to display. Why not add one?</p><p>1-1 of 1 None</p>
    <input placeholder="Search all pages…"><p>案例 ZJ-HZ-2024-001 · PDF · DOCX · GB/T 4754</p>
    <script>var t = "not visible text";</script><button title="保存">Save</button>"""
    assert english_in(html) == ["1-1 of 1 None", "Search all pages", "There are no", "of 1 None", "to display. Why not add one"]


@pytest.fixture
def cases(accounts, search_index, login):
    """A Hangzhou draft, a Hangzhou case in review and a published case."""
    in_review = create_case(ref="ZJ-HZ-ZH-002", publish=False, user=accounts["city_hangzhou"])
    assert edit(login("city_hangzhou"), in_review).status_code == 302
    return {
        "draft": create_case(ref="ZJ-HZ-ZH-001", publish=False, user=accounts["city_hangzhou"]),
        "in_review": in_review,
        "published": create_case(ref="ZJ-HZ-ZH-003", title="杭州某化工厂超标排放大气污染物案"),
    }


def pages_of(role: str, cases) -> list[str]:
    hangzhou = CityIndexPage.objects.get(title="杭州市")
    review_pages = [
        "/admin/", reverse("wagtailadmin_pages:search") + "?q=排放",
        reverse("review_quarterly"), reverse("review_statistics"),
    ]
    # The case in review waits at 业务审核: its reviewers open it from their dashboard.
    current_step_pages = [
        reverse("wagtailadmin_pages:edit", args=[cases["in_review"].pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[cases["in_review"].pk]),
    ]
    return {
        "city_hangzhou": [
            "/admin/", reverse("wagtailadmin_explore", args=[hangzhou.pk]),
            reverse("wagtailadmin_pages:search") + "?q=排放",
            reverse("wagtailadmin_pages:add", args=["cases", "casepage", hangzhou.pk]),
            reverse("wagtailadmin_pages:edit", args=[cases["draft"].pk]),
            reverse("wagtailadmin_pages:edit", args=[cases["in_review"].pk]),
            reverse("wagtailadmin_pages:history", args=[cases["draft"].pk]),
        ],
        "reviewer_business": review_pages + current_step_pages,
        "reviewer_legal": review_pages,
        "committee_1": review_pages,
        "province_admin": review_pages + current_step_pages + [
            reverse("wagtailadmin_explore", args=[hangzhou.pk]),
            reverse("wagtailadmin_pages:edit", args=[cases["published"].pk]),
            reverse("wagtailsnippets_review_casechangerequest:list"),
            reverse("wagtailsnippets_review_casechangerequest:add"),
            reverse("wagtailsnippets_compilations_compilation:list"),
            reverse("wagtailsnippets_compilations_compilation:add"),
            reverse("wagtailsnippets_compilations_disclosurebatch:list"),
            reverse("wagtailsnippets_casesearch_synonymgroup:list"),
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailadmin_reports:workflow"), reverse("wagtailadmin_reports:workflow_tasks"),
            reverse("alerts_officers"),
        ],
        "officer_hangzhou": ["/admin/"],
    }[role]


@pytest.mark.parametrize("role", ["city_hangzhou", "reviewer_business", "reviewer_legal", "committee_1", "province_admin",
                                  "officer_hangzhou"])
def test_every_admin_page_of_a_role_is_in_chinese(login, cases, role):
    client = login(role)
    english = {}
    for url in pages_of(role, cases):
        response = client.get(url)
        assert response.status_code == 200, f"{role} {url}: {response.status_code}"
        if found := english_in(response.content.decode()):
            english[url] = found
    assert english == {}, json.dumps(english, ensure_ascii=False, indent=1)


# What Wagtail's scripts show in the case editor (its JS catalog; `msgid`s as in Wagtail's sources).
EDITOR_JS_STRINGS = ["Write something or type ‘/’ to insert a block"]


def test_the_admins_javascript_strings_are_in_chinese(login, cases):
    response = login("city_hangzhou").get(reverse("wagtailadmin_javascript_catalog"))
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S).group(1))
    for msgid in EDITOR_JS_STRINGS:
        assert re.search(r"[\u4e00-\u9fff]", str(catalog.get(msgid, ""))), msgid


def test_a_save_refused_for_invalid_input_says_so_in_chinese(login, cases):
    client = login("city_hangzhou")
    response = edit(client, cases["draft"], action=None, title="")
    assert response.status_code == 200
    assert english_in(response.content.decode()) == [], english_in(response.content.decode())


def test_the_committed_catalogues_are_compiled_from_the_po_files(tmp_path):
    """locale/*.mo are committed (nothing to compile on a fresh clone); they must match the .po."""
    import gettext
    import subprocess
    from pathlib import Path

    from django.conf import settings

    def catalog(mo: Path) -> dict:
        with mo.open("rb") as f:
            return gettext.GNUTranslations(f)._catalog

    po_files = sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/*.po"))
    assert [p.name for p in po_files] == ["django.po", "djangojs.po"]
    for po in po_files:
        compiled = tmp_path / po.with_suffix(".mo").name
        subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True)
        assert catalog(compiled) == catalog(po.with_suffix(".mo")), f"run: msgfmt --check -o {po.with_suffix('.mo')} {po}"


@pytest.mark.parametrize("msgid", [
    "Search all pages…", "Your pages and snippets in a workflow", "Privacy and access",
    "The page could not be saved due to validation errors.", "Requested by",
    "There are no %(model_name)s to display. Why not <a href=\"%(add_url)s\">add one</a>?",
    "%(model_name)s '%(object)s' has been submitted for moderation.",
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s",
])
def test_the_strings_reported_in_english_are_translated(msgid):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert re.search(r"[\u4e00-\u9fff]", translation.gettext(msgid))
