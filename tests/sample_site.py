"""A small site with one page of every kind, for the checks that go over all of them: markup
validity (tests/core/test_html_validity.py) and axe-core (tests/browser/test_accessibility_axe.py).

Built through the import code, the guide loader, the demo disclosure and the real review views,
so the pages are what users see."""
from dataclasses import dataclass, field

from django.urls import reverse

from casebase.compilations.demo import create_demo_disclosure, ensure_disclosure_page
from casebase.compilations.models import Compilation, CompilationPage
from casebase.compilations.tasks import build_compilation
from casebase.guides.loader import load_guides
from search import indexing
from tests.editor import act, current_task_state, edit
from tests.factories import create_case

WATER_LAW = "中华人民共和国水污染防治法"
NOT_A_DUPLICATE = "同一企业另一次违法行为的案例，不是重复报送。"
PERSONAL_DATA = "2024年8月，群众李建国（联系电话13812345678）举报该公司夜间排放废气。"


@dataclass
class SampleSite:
    public: dict[str, str] = field(default_factory=dict)  # name → URL
    admin: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # username → [(name, URL)]


def build_sample_site(library, login) -> SampleSite:
    """`login(username)` → a Django test client signed in as that demo account."""
    home = library.get_parent().specific
    air = create_case(ref="ZJ-2024-0113", commended=True, decision_date="2024-11-06")
    create_case(ref="ZJ-2024-0114", title="温州某电镀有限公司私设暗管排放含镍废水案", city="温州市", county=None,
                decision_date="2024-05-20", industry="C33", violation_types=["水污染"], fine_yuan=500000,
                violated=[{"law": WATER_LAW, "article": 39, "paragraph": None, "item": None}],
                penalty_basis=[{"law": WATER_LAW, "article": 83, "paragraph": None, "item": 3}])
    load_guides(home)
    create_demo_disclosure(home)
    compilation = Compilation.objects.create(year=2024, kind="year")
    build_compilation.call(compilation.pk)
    compilation_page = CompilationPage(title="2024年典型案例汇编", slug="2024", compilation_id=compilation.pk)
    ensure_disclosure_page(home).add_child(instance=compilation_page)
    compilation_page.save_revision().publish()
    indexing.sweep()

    # The submitter's draft shows the personal-data check; a second case waits for business
    # review, a third for the committee.
    draft = create_case(ref="ZJ-HZ-2026-D01", publish=False, basic_facts=PERSONAL_DATA)
    in_review = create_case(ref="ZJ-HZ-2026-D02", publish=False, title="杭州某印染有限公司自动监测设备未正常运行案")
    deliberated = create_case(ref="ZJ-HZ-2026-D03", publish=False, title="杭州某纸业有限公司未建立危险废物管理台账案")
    # Factory cases share their sections, so the near-duplicate check asks for a confirmation.
    for case in (in_review, deliberated):
        submitted = edit(login("city_hangzhou"), case, duplicate_confirmed="on", duplicate_reason=NOT_A_DUPLICATE)
        assert submitted.status_code == 302
    act(login("reviewer_business"), deliberated, "approve")
    act(login("reviewer_legal"), deliberated, "approve")
    vote = current_task_state(deliberated)

    city = air.get_parent()
    return SampleSite(
        public={
            "home": "/",
            "search": "/search/?q=废气&province=浙江省",
            "search-empty": "/search/?q=火箭发射",
            "discretion": "/search/discretion/?violation_type=大气污染",
            "case": air.url,
            "city": city.url,
            "library": library.url,
            "law-index": reverse("laws:index"),
            "law": reverse("laws:latest", args=["大气污染防治法"]),
            "law-version": reverse("laws:version", args=["水污染防治法", "2017-06-27"]),
            "article-browser": reverse("article_browser"),
            "article-browser-filtered": reverse("article_browser") + "?q=大气法",
            "guide-index": "/guides/",
            "guide-finder": "/guides/?q=印刷",
            "guide": "/guides/vehicle-repair-spray-painting/",
            "disclosure": "/disclosure/",
            "compilation": compilation_page.url,
            "not-found": "/no-such-page/",
        },
        admin={
            "city_hangzhou": [
                ("dashboard", "/admin/"),
                ("editor", reverse("wagtailadmin_pages:edit", args=[draft.pk])),
                ("new-case", reverse("wagtailadmin_pages:add", args=["cases", "casepage", city.pk])),
                ("city-pages", reverse("wagtailadmin_explore", args=[city.pk])),
                ("intake", reverse("intake_upload", args=[city.pk])),
                ("cancel-review", reverse("review_cancel", args=[in_review.pk])),
            ],
            "reviewer_business": [
                ("dashboard", "/admin/"),
                ("review", reverse("wagtailadmin_pages:edit", args=[in_review.pk])),
            ],
            "committee_1": [
                ("dashboard", "/admin/"),
                ("deliberation", reverse("review_deliberation", args=[vote.pk])),  # the editor, with the vote
            ],
            "province_admin": [
                ("dashboard", "/admin/"),
                ("quarterly", reverse("review_quarterly")),
                ("statistics", reverse("review_statistics")),
                ("commend", reverse("review_commend", args=[air.pk])),
                ("compilations", reverse("wagtailsnippets_compilations_compilation:list")),
                ("new-compilation", reverse("wagtailsnippets_compilations_compilation:add")),
                ("change-requests", reverse("wagtailsnippets_review_casechangerequest:list")),
                ("new-change-request", reverse("wagtailsnippets_review_casechangerequest:add")),
            ],
        },
    )
