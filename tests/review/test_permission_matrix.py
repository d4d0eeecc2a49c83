"""Every role × every procedure action × own city / other city, with the expected outcome of each
cell asserted through the real admin views. A refused action must also change nothing."""
import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from casebase.cases.models import CasePage
from casebase.review.models import CaseChangeRequest, CommitteeVote
from tests.factories import create_case
from tests.editor import act, current_task_state, edit

pytestmark = pytest.mark.django_db

CITY_OF = {"city_hangzhou": "杭州市", "city_wenzhou": "温州市"}
CITIES = {"杭州市": "上城区", "温州市": "鹿城区"}
SUBMITTER_OF = {"杭州市": "city_hangzhou", "温州市": "city_wenzhou"}

ROLES = ["city_hangzhou", "city_wenzhou", "reviewer_business", "reviewer_legal", "committee_1", "province_admin",
         "officer_hangzhou"]
ACTIONS = [
    "see_draft", "edit", "submit", "approve_business", "return_business", "approve_legal",
    "return_legal", "vote", "publish", "correct", "withdraw", "commend",
]
# What each role may do, the same in every city except for the cities' own submitters.
ALLOWED = {
    "city": {"see_draft", "edit", "submit"},  # in their own city only
    "reviewer_business": {"approve_business", "return_business"},
    "reviewer_legal": {"approve_legal", "return_legal"},
    "committee_1": {"vote"},
    "province_admin": {"see_draft", "edit", "submit", "correct", "withdraw", "commend"},
    "officer_hangzhou": set(),  # officers search and follow published cases; they neither edit nor review
}


def expected(role: str, action: str, own_city: bool) -> bool:
    if role in CITY_OF:
        return own_city and action in ALLOWED["city"]
    return action in ALLOWED[role]


def city_for(role: str, own_city: bool) -> str:
    home = CITY_OF.get(role, "杭州市")
    return home if own_city else next(c for c in CITIES if c != home)


def case_in(city: str, stage: str, login) -> CasePage:
    """A case of `city` at `stage`: draft, business, legal, committee or published."""
    case = create_case(publish=stage == "published", city=city, county=CITIES[city])
    if stage in ("business", "legal", "committee"):
        assert edit(login(SUBMITTER_OF[city]), case).status_code == 302
    if stage in ("legal", "committee"):
        act(login("reviewer_business"), case, "approve")
    if stage == "committee":
        act(login("reviewer_legal"), case, "approve")
    return case


def step(case) -> str | None:
    state = current_task_state(case)
    return state.task.name if state and state.status == "in_progress" else None


def returned(case) -> bool:
    state = WorkflowState.objects.filter(object_id=str(case.pk)).order_by("-created_at").first()
    return state is not None and state.current_task_state.status == "rejected"


# Each action: (stage the case must be at, function(client, case) -> whether it took effect).
def _see_draft(client, case):
    return client.get(reverse("wagtailadmin_pages:edit", args=[case.pk])).status_code == 200


def _edit(client, case):
    before = case.revisions.count()
    edit(client, case, action=None, title=case.title + "（修改）")
    return case.revisions.count() > before


def _submit(client, case):
    edit(client, case)
    return step(case) == "业务审核"


def _review(expected_step_after, action):
    def take(client, case):
        act(client, case, action, "请补充整改情况。")
        return returned(case) if action == "reject" else step(case) == expected_step_after
    return take


def _vote(client, case):
    act(client, case, "approve", "同意。")
    return CommitteeVote.objects.exists()


def _publish(client, case):
    edit(client, case, action="action-publish")
    return CasePage.objects.get(pk=case.pk).live


def _request(kind):
    def take(client, case):
        if kind == "correct":
            edit(client, case, action=None, title=case.title + "（更正）")
        client.post(reverse("wagtailsnippets_review_casechangerequest:add"),
                    {"case": case.pk, "kind": kind, "reason": "理由。", "action-submit": "1"})
        return CaseChangeRequest.objects.filter(case=case, kind=kind).exists()
    return take


def _commend(client, case):
    client.post(reverse("review_commend", args=[case.pk]), {"commendation": "某单位"})
    return CasePage.objects.get(pk=case.pk).commended_on is not None


PERFORM = {
    "see_draft": ("draft", _see_draft),
    "edit": ("draft", _edit),
    "submit": ("draft", _submit),
    "approve_business": ("business", _review("法制审核", "approve")),
    "return_business": ("business", _review(None, "reject")),
    "approve_legal": ("legal", _review("集体审议", "approve")),
    "return_legal": ("legal", _review(None, "reject")),
    "vote": ("committee", _vote),
    "publish": ("draft", _publish),
    "correct": ("published", _request("correct")),
    "withdraw": ("published", _request("withdraw")),
    "commend": ("published", _commend),
}


@pytest.mark.parametrize("own_city", [True, False], ids=["own-city", "other-city"])
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, action, own_city, login, accounts):
    stage, perform = PERFORM[action]
    case = case_in(city_for(role, own_city), stage, login)
    took_effect = perform(login(role), case)
    assert took_effect == expected(role, action, own_city)


def test_submitters_never_see_another_citys_drafts_anywhere(login, accounts, search_index):
    wenzhou = case_in("温州市", "draft", login)
    hangzhou = case_in("杭州市", "draft", login)
    client = login("city_hangzhou")
    refused = [
        reverse("wagtailadmin_pages:edit", args=[wenzhou.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[wenzhou.pk]),
        reverse("wagtailadmin_pages:history", args=[wenzhou.pk]),
        reverse("wagtailadmin_explore", args=[wenzhou.get_parent().pk]),
    ]
    for url in refused:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert wenzhou.title not in response.content.decode() or response.status_code != 200
    search = client.get(reverse("wagtailadmin_pages:search"), {"q": "化工"}).content.decode()
    assert f"/admin/pages/{hangzhou.pk}/" in search
    assert f"/admin/pages/{wenzhou.pk}/" not in search
    assert client.get(wenzhou.url or "/cases/温州市/" + wenzhou.slug + "/").status_code == 404


# --- Who sees a draft (and its attachment) outside the editor: choosers, previews, documents,
# the admin API. Each role, own city / other city; the same roles that may open the draft in the
# editor (see_draft) see it here, nobody else does.
DRAFT_MARKER = "矩阵专用草稿标题"


def _draft_with_attachment(city: str):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    from casebase.cases.documents import city_collection_name
    from casebase.cases.models import CaseAttachment

    case = create_case(publish=False, city=city, county=CITIES[city], title=f"某公司{DRAFT_MARKER}废水案")
    document = Document.objects.create(
        title=f"{DRAFT_MARKER}附件", file=ContentFile(b"%PDF-1.4\n", name="matrix.pdf"),
        collection=Collection.objects.get(name=city_collection_name(city)),
    )
    CaseAttachment.objects.create(page=case, document=document)
    return case, document


def _text(response) -> str:
    if response.get("Content-Type", "").startswith("application/json"):
        import json
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode(errors="replace")


def _seen_by(client, case, document) -> dict[str, bool]:
    from wagtail.models import Task

    index = case.get_parent()
    task = Task.objects.get(name="业务审核")
    return {
        "chooser_search": DRAFT_MARKER in _text(client.get(reverse("wagtailadmin_choose_page_search"), {"q": "废水"})),
        "chooser_browse": DRAFT_MARKER in _text(client.get(reverse("wagtailadmin_choose_page_child", args=[index.pk]))),
        "chooser_draft": client.get(reverse("wagtailadmin_choose_page_child", args=[case.pk])).status_code == 200,
        "workflow_preview": DRAFT_MARKER in _text(client.get(
            reverse("wagtailadmin_pages:workflow_preview", args=[case.pk, task.pk]), follow=True)),
        "pages_api": DRAFT_MARKER in _text(client.get("/admin/api/main/pages/", {"child_of": index.pk})),
        "document_api": DRAFT_MARKER in _text(client.get("/admin/api/main/documents/")),
        "document_download": client.get(document.url).status_code == 200,
    }


@pytest.mark.parametrize("own_city", [True, False], ids=["own-city", "other-city"])
@pytest.mark.parametrize("role", ROLES)
def test_who_sees_a_draft_outside_the_editor(role, own_city, login, accounts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case, document = _draft_with_attachment(city_for(role, own_city))
    seen = _seen_by(login(role), case, document)
    allowed = expected(role, "see_draft", own_city)
    assert seen == dict.fromkeys(seen, allowed)


def test_anonymous_visitors_see_no_draft_attachment(client, accounts, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _, document = _draft_with_attachment("杭州市")
    assert client.get(document.url).status_code == 302
    assert client.get("/admin/api/main/documents/").status_code == 302
