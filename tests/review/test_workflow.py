"""Complete runs of "典型案例发布审核" through the real admin views, as each user."""
import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from casebase.cases.models import CasePage
from casebase.review.models import CommitteeTask, CommitteeVote
from search.client import get_client
from search.documents import alias_name
from tests.editor import XHR, act, current_task_state, edit

pytestmark = pytest.mark.django_db


def step_of(case) -> str | None:
    state = current_task_state(case)
    return state.task.name if state and state.status == "in_progress" else None


def submit(login, case, username="city_hangzhou"):
    response = edit(login(username), case)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def approve_reviews(login, case):
    submit(login, case)
    assert step_of(case) == "业务审核"
    act(login("reviewer_business"), case, "approve")
    assert step_of(case) == "法制审核"
    act(login("reviewer_legal"), case, "approve")
    assert step_of(case) == "集体审议"


def vote(login, case, username, approve: bool, opinion: str = "同意发布，案情清楚，适用法律正确。"):
    return act(login(username), case, "approve" if approve else "reject", opinion)


def reload(case) -> CasePage:
    return CasePage.objects.get(pk=case.pk)


def actions_logged(case) -> list[str]:
    return list(PageLogEntry.objects.filter(page=case).order_by("timestamp", "pk").values_list("action", flat=True))


def indexed(case) -> bool:
    get_client().indices.refresh(index=alias_name())
    return get_client().exists(index=alias_name(), id=str(case.pk))


def test_approval_by_quorum_publishes_and_keeps_minutes(login, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        approve_reviews(login, draft)
        vote(login, draft, "committee_1", True)
        assert step_of(draft) == "集体审议"  # one vote of three members is below the 2/3 quorum
        vote(login, draft, "committee_2", True, "同意。罚款金额在法定幅度内。")
    case = reload(draft)
    assert case.live
    assert indexed(case)
    assert CommitteeVote.objects.filter(task_state__workflow_state__object_id=str(case.pk)).count() == 2
    log = actions_logged(case)
    for action in ("wagtail.workflow.start", "wagtail.workflow.approve", "review.vote", "review.decision", "wagtail.publish"):
        assert action in log
    assert log.count("review.vote") == 2
    # Mail: each step's reviewers when the case reaches them, and the submitter on publication.
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("【待业务审核】") for s in subjects)
    assert any(s.startswith("【待集体审议】") for s in subjects)
    published_mail = next(m for m in mail.outbox if m.subject.startswith("【已发布】"))
    assert published_mail.to == ["city_hangzhou@casebase.invalid"]


def test_minutes_download_as_pdf_and_docx(login, draft):
    approve_reviews(login, draft)
    vote(login, draft, "committee_1", True, "同意发布。")
    vote(login, draft, "committee_2", True, "同意，建议突出VOCs治理要求。")
    state = CommitteeTask.objects.get().task_states.get()
    client = login("committee_3")
    pdf = client.get(reverse("review_minutes", args=[state.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("review_minutes", args=[state.pk, "docx"]))
    from io import BytesIO

    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(docx.content)).paragraphs)
    assert "审议通过，同意发布（同意 2 票，不同意 0 票）" in text
    table = Document(BytesIO(docx.content)).tables[0]
    assert "同意，建议突出VOCs治理要求。" in [c.text for row in table.rows for c in row.cells]
    from pdfminer.high_level import extract_text

    assert "集体审议纪要" in extract_text(BytesIO(pdf.content))
    # The minutes are internal: a city submitter may not read them.
    assert login("city_hangzhou").get(reverse("review_minutes", args=[state.pk, "pdf"])).status_code == 403


def test_a_majority_against_after_a_tie_returns_the_case_with_all_opinions(login, draft, django_capture_on_commit_callbacks):
    approve_reviews(login, draft)
    with django_capture_on_commit_callbacks(execute=True):
        vote(login, draft, "committee_1", True, "同意发布。")
        vote(login, draft, "committee_2", False, "典型意义部分需补充整改情况。")
        assert step_of(draft) == "集体审议"  # a tie with a member still to vote waits
        vote(login, draft, "committee_3", False, "同意第二位委员意见。")
    case = reload(draft)
    assert not case.live
    state = case.workflow_states.order_by("-created_at").first()
    assert state.status == WorkflowState.STATUS_CANCELLED
    comment = state.current_task_state.comment
    assert "集体审议未通过" in comment and "同意发布。" in comment and "典型意义部分需补充整改情况。" in comment
    returned = next(m for m in mail.outbox if m.subject.startswith("【退回修改】"))
    assert "典型意义部分需补充整改情况" in returned.body
    # The submitter sees it on the dashboard with the reason.
    dashboard = login("city_hangzhou").get(reverse("wagtailadmin_home")).content.decode()
    assert "被退回的案例" in dashboard and "典型意义部分需补充整改情况" in dashboard


def test_a_majority_to_reject_returns_the_case(login, draft):
    task = CommitteeTask.objects.get()
    task.quorum_numerator, task.quorum_denominator = 1, 1  # all three must vote
    task.save()
    approve_reviews(login, draft)
    vote(login, draft, "committee_1", False, "证据不足。")
    vote(login, draft, "committee_2", True, "同意。")
    assert step_of(draft) == "集体审议"
    vote(login, draft, "committee_3", False, "处罚依据引用有误。")
    assert not reload(draft).live
    assert step_of(draft) is None
    assert PageLogEntry.objects.filter(page=draft, action="review.decision", data__approved=False).exists()


def test_a_return_needs_a_reason_and_resubmission_starts_again_at_business_review(login, draft):
    approve_reviews(login, draft)
    act(login("reviewer_business"), draft, "approve")  # not their step any more: refused
    assert step_of(draft) == "集体审议"
    vote(login, draft, "committee_1", False, "不同意。")
    vote(login, draft, "committee_2", False, "不同意。")
    # Returned: the submitter edits and resubmits; every step runs again.
    submit(login, draft)
    assert step_of(draft) == "业务审核"
    response = act(login("reviewer_business"), draft, "reject", "")
    assert step_of(draft) == "业务审核", "a return without a reason must not go through"
    assert "请写明退回理由" in response.json()["html"]
    act(login("reviewer_business"), draft, "reject", "未写明整改情况。")
    assert step_of(draft) is None
    assert reload(draft).workflow_states.order_by("-created_at").first().current_task_state.comment == "未写明整改情况。"


def test_editing_under_review_invalidates_earlier_approvals(login, draft):
    submit(login, draft)
    act(login("reviewer_business"), draft, "approve")
    assert step_of(draft) == "法制审核"
    # The legal reviewer corrects the text during review: business review must see it again.
    response = edit(login("reviewer_legal"), draft, action=None, title="杭州某化工有限公司未密闭收集VOCs废气案（修订）")
    assert response.status_code == 302
    act(login("reviewer_legal"), draft, "approve")
    assert step_of(draft) == "业务审核"


def test_votes_are_refused_twice_by_non_members_and_after_the_decision(login, draft):
    approve_reviews(login, draft)
    assert vote(login, draft, "committee_1", True).status_code == 200
    assert vote(login, draft, "committee_1", True).status_code == 403
    assert vote(login, draft, "reviewer_legal", True).status_code == 403
    assert vote(login, draft, "city_hangzhou", True).status_code == 403
    deliberation = current_task_state(draft)
    vote(login, draft, "committee_2", True)
    assert reload(draft).live
    late = login("committee_3").post(
        reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "reject", deliberation.pk]),
        {"comment": "不同意。"}, **XHR,
    )
    # Wagtail refuses actions on a finished workflow with a redirect to the editor.
    assert late.status_code == 302 and CommitteeVote.objects.count() == 2


def test_submission_checks_say_exactly_what_is_missing(login, draft):
    client = login("city_hangzhou")
    response = edit(client, draft, significance=rich_text_empty(), citations=no_citations())
    assert response.status_code == 200
    html = response.content.decode()
    assert "提交审核前请填写“典型意义”" in html
    assert "提交审核前请至少填写一条法律依据" in html
    assert current_task_state(draft) is None
    # Saving the same incomplete draft is fine.
    assert edit(client, draft, action=None, significance=rich_text_empty()).status_code == 302


def test_a_failing_mail_server_never_breaks_a_review_action(login, draft, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1  # nothing listens there
    approve_reviews(login, draft)
    vote(login, draft, "committee_1", True)
    vote(login, draft, "committee_2", True)
    assert reload(draft).live


def rich_text_empty():
    from wagtail.test.utils.form_data import rich_text

    return rich_text("")


def no_citations():
    from wagtail.test.utils.form_data import inline_formset

    return inline_formset([])
