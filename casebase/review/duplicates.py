"""The near-duplicate check at intake: the existing cases most like the one being written.

Candidates are the published cases (found by `search.similar` in the index) and the cases of the
case's own city still in the pipeline (drafts and cases in review, read from their latest
revisions in the database and scored by the same `search.similar.score`). Drafts are never
indexed and another city's drafts are never read, so the check cannot leak them. Reviewers, who
may not edit a city's drafts, see that city's cases in review only.

Where it runs: the editor's 相似案例 panel (saving a draft re-renders it), the intake view after a
document import, and the submission check, which asks for a confirmation with a reason above
`search.similar.THRESHOLD` and stores it (`DuplicateConfirmation`) for the reviewers.
See docs/duplicates.md.
"""
import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.log_actions import log
from wagtail.models import Page, Revision, WorkflowState

from casebase.cases.models import SECTIONS, CaseCitation, CasePage
from casebase.laws.models import Provision
from search.service import SearchUnavailable
from search.similar import CaseText, published_candidates, score

from .models import DuplicateConfirmation

logger = logging.getLogger(__name__)
SHOWN = 5  # cases the panel lists
SHOWN_FROM = 0.2  # below this score a case is not similar enough to list
PIPELINE_LIMIT = 200  # a city's most recently edited cases in the pipeline that are compared
CONFIRM_LOG_ACTION = "review.duplicate_confirmed"


@dataclass(frozen=True)
class SimilarCase:
    page_id: int
    ref: str
    title: str
    score: float
    published: bool
    url: str
    is_near_duplicate: bool

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def status(self) -> str:
        return "已发布" if self.published else "本市未发布案例"


@dataclass
class DuplicateCheck:
    similar: list[SimilarCase] = field(default_factory=list)
    unavailable: bool = False  # Elasticsearch could not answer: nothing was checked
    reason: str = ""  # the submitter's reason, as the form validated it (`confirmed_if_near_duplicate`)

    @property
    def near_duplicates(self) -> list[SimilarCase]:
        return [case for case in self.similar if case.is_near_duplicate]

    def snapshot(self) -> list[dict]:
        return [{"page_id": c.page_id, "ref": c.ref, "title": c.title, "score": c.score} for c in self.near_duplicates]


def check_page(page, user) -> DuplicateCheck:
    """The check of a case as the editor shows it (its latest revision)."""
    violated = [c.provision_id for c in page.citations.all() if c.role == CaseCitation.Role.VIOLATED]
    text = CaseText.from_texts({"title": page.title, **page.section_texts()}, _article_keys(violated))
    return run_check(text, page.get_parent() if page.pk else None, page.pk, user)


def check_form(form) -> DuplicateCheck:
    """The check of what the editor's form holds (at submission, before anything is saved)."""
    data = form.cleaned_data
    texts = {"title": data.get("title") or "", **{name: strip_tags(data.get(name) or "") for name, _ in SECTIONS}}
    text = CaseText.from_texts(texts, _article_keys(_violated_provisions(form)))
    city_index = form.instance.get_parent() if form.instance.pk else form.parent_page
    return run_check(text, city_index, form.instance.pk, form.for_user)


def run_check(text: CaseText, city_index, exclude_pk, user) -> DuplicateCheck:
    if text.is_empty:
        return DuplicateCheck()
    try:
        published = published_candidates(text, exclude_ids=[exclude_pk] if exclude_pk else [])
        pipeline = pipeline_cases(city_index, exclude_pk, user) if city_index else {}
        scored = score(text, {**published, **pipeline})
    except SearchUnavailable as exc:
        logger.warning("near-duplicate check skipped (search unavailable): %s", exc)
        return DuplicateCheck(unavailable=True)
    return DuplicateCheck(_similar_cases([s for s in scored if s.score >= SHOWN_FROM], set(pipeline)))


def pipeline_cases(city_index, exclude_pk, user) -> dict[int, CaseText]:
    """The unpublished cases of `city_index` (a city's subtree) that `user` may see, from their
    latest revisions: all of them for the city's own submitters, those in review for reviewers."""
    pages = CasePage.objects.child_of(city_index).filter(live=False).exclude(pk=exclude_pk)
    if not city_index.permissions_for_user(user).can_add_subpage():
        pages = pages.filter(pk__in=_in_review_ids(pages))
    revision_ids = pages.order_by("-latest_revision_created_at").values_list("latest_revision_id", flat=True)[:PIPELINE_LIMIT]
    revisions = Revision.objects.filter(pk__in=list(revision_ids)).only("object_id", "content")
    contents = {int(revision.object_id): revision.content for revision in revisions}
    violated = {pk: [c.get("provision") for c in content.get("citations", []) if c.get("role") == CaseCitation.Role.VIOLATED]
                for pk, content in contents.items()}
    keys = _article_key_map([i for ids in violated.values() for i in ids])
    return {
        pk: CaseText.from_texts(
            {"title": content.get("title", ""), **{name: strip_tags(content.get(name) or "") for name, _ in SECTIONS}},
            [keys[i] for i in violated[pk] if i in keys],
        )
        for pk, content in contents.items()
    }


def _in_review_ids(pages) -> list[int]:
    states = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)]
    )
    return [int(object_id) for object_id in states.values_list("object_id", flat=True)]


def _violated_provisions(form) -> list[int]:
    """The provisions the form's violated citations name, resolved as saving would resolve them."""
    formset = form.formsets.get("citations")
    decided_on = form.cleaned_data.get("decision_date")
    ids = []
    for citation_form in formset.forms if formset is not None else []:
        data = getattr(citation_form, "cleaned_data", None) or {}
        if data.get("role") == CaseCitation.Role.VIOLATED and not data.get("DELETE") and data.get("law_title"):
            citation = CaseCitation(role=data["role"], law_title=data["law_title"], article=data.get("article"),
                                    paragraph=data.get("paragraph"), item=data.get("item"))
            citation.resolve(decided_on)
            ids.append(citation.provision_id)
    return ids


def _article_keys(provision_ids) -> list[str]:
    keys = _article_key_map(provision_ids)
    return [keys[i] for i in provision_ids if i in keys]


def _article_key_map(provision_ids) -> dict[int, str]:
    provisions = Provision.objects.select_related("version__law").in_bulk([i for i in provision_ids if i])
    return {pk: provision.article_key for pk, provision in provisions.items()}


def _similar_cases(scored, pipeline_ids: set[int]) -> list[SimilarCase]:
    """The first `SHOWN` scored cases that are still there to show (a published one the index
    still holds after its withdrawal is left out)."""
    ids = [s.key for s in scored]
    published = set(CasePage.objects.published().filter(pk__in=ids).values_list("pk", flat=True))
    pages = CasePage.objects.filter(pk__in=[i for i in ids if i in published or i in pipeline_ids]).in_bulk()
    cases = []
    for similarity in scored:
        page = pages.get(similarity.key)
        if page is None:
            continue
        is_published = page.pk in published
        url = page.url if is_published else reverse("wagtailadmin_pages:edit", args=[page.pk])
        cases.append(SimilarCase(page.pk, page.ref, page.draft_title or page.title, similarity.score, is_published,
                                 url, similarity.is_near_duplicate))
    return cases[:SHOWN]


# --- at submission ---------------------------------------------------------------------------

def confirmed_if_near_duplicate(form) -> list[tuple[str, str]]:
    """Submission check (hook `casebase_submission_checks`): above the threshold, the submitter
    must confirm with a reason. The check is kept on the instance for `store_confirmation`."""
    check = check_form(form)
    form.instance.duplicate_check = check
    if not check.near_duplicates:
        return []
    names = "、".join(f"“{case.title}”（相似度{case.percent}%）" for case in check.near_duplicates[:3])
    if not form.cleaned_data.get("duplicate_confirmed"):
        return [("duplicate_confirmed", f"本案例与已有案例高度相似：{names}。如确非重复报送，请在“相似案例”中勾选确认并填写理由后再提交")]
    check.reason = (form.cleaned_data.get("duplicate_reason") or "").strip()
    if not check.reason:
        return [("duplicate_reason", "请填写确认理由：说明本案例与相似案例的不同之处")]
    return []


def store_confirmation(request, page) -> None:
    """after_create_page / after_edit_page: a submission that passed above the threshold leaves
    its confirmation and reason for the reviewers, and in the audit log."""
    check = getattr(page, "duplicate_check", None)
    if check is None or not check.near_duplicates:
        return
    confirmation = DuplicateConfirmation.objects.create(
        page_id=page.pk, revision=page.latest_revision, user=request.user, reason=check.reason, similar=check.snapshot()
    )
    log(instance=page, action=CONFIRM_LOG_ACTION, user=request.user, data={"reason": check.reason, "similar": confirmation.similar})


def latest_confirmation(page) -> DuplicateConfirmation | None:
    return DuplicateConfirmation.objects.filter(page_id=page.pk).select_related("user").first() if page.pk else None


# --- coverage --------------------------------------------------------------------------------

def coverage(page) -> list[dict]:
    """For each violated provision and violation type of the case: how many published cases
    (besides this one) already cover both. The case library's question "at most two per issue"."""
    provision_ids = [c.provision_id for c in page.citations.all() if c.role == CaseCitation.Role.VIOLATED and c.provision_id]
    provisions = Provision.objects.select_related("version__law").in_bulk(provision_ids).values()
    types = {t.reported_type for t in page.violation_types.all()}
    rows = []
    for provision in {(p.version.law_id, p.article, p.sub_article): p for p in provisions}.values():
        for violation_type in sorted(types, key=lambda t: t.name):
            cases = CasePage.objects.published().exclude(pk=page.pk).filter(
                citations__role=CaseCitation.Role.VIOLATED, citations__provision__version__law_id=provision.version.law_id,
                citations__provision__article=provision.article, citations__provision__sub_article=provision.sub_article,
            ).filter(violation_types__in=[violation_type, *violation_type.subtypes.all()]).distinct()
            rows.append({"provision": f"《{provision.version.law.title}》{provision.article_label}",
                         "violation_type": violation_type.name, "count": cases.count()})
    return rows


def panel_context(page, request, form) -> dict:
    """What the case editor's 相似案例 panel shows (casebase/cases/panels.py, SIMILAR_CASES_HOOK)."""
    # A submission just checked (and refused) carries its check: the same, not run twice.
    check = getattr(page, "duplicate_check", None)
    if check is None and page.pk:
        check = check_page(page, request.user)
    return {
        # The confirmation is the submitter's, before submitting: not asked while in review.
        "check": check, "may_confirm": not (page.pk and page.workflow_in_progress),
        "confirmation": latest_confirmation(page),
        "coverage": coverage(page) if page.pk else [],
    }
