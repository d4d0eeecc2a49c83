"""A saved search alerts its officer when a case it finds is published or corrected, once per
version, never for a withdrawn case; daily searches wait for the digest."""
import pytest
from django.core import mail
from django.core.management import call_command

from casebase.alerts import alerting
from casebase.alerts.models import AlertMatch, SavedSearch
from tests.alerts.conftest import PIPE, menu_label, save_search

pytestmark = pytest.mark.django_db

VOCS = "q=挥发性有机物&violation_type=大气污染"


def test_a_newly_published_matching_case_notifies_its_officer(officer, publish):
    assert save_search(officer, VOCS).status_code == 302
    case = publish(ref="ALERT-0001")
    match = AlertMatch.objects.get()
    assert (match.case_id, match.revision_id, match.saved_search.name) == (case.pk, case.live_revision_id, "挥发性有机物")
    assert [m.to for m in mail.outbox] == [["officer_hangzhou@casebase.invalid"]]
    assert case.title in mail.outbox[0].subject and "“挥发性有机物”" in mail.outbox[0].body
    dashboard = officer.get("/admin/").content.decode()
    assert menu_label(dashboard) == "检索提醒（1）"  # the menu badge
    assert case.title in dashboard and "ALERT-0001" in dashboard  # the panel


def test_a_case_the_search_does_not_find_alerts_nobody(officer, publish):
    save_search(officer, VOCS)
    publish(ref="ALERT-0002", **PIPE)
    assert not AlertMatch.objects.exists() and not mail.outbox
    save_search(officer, "q=暗管&city=温州市", name="温州暗管")
    publish(ref="ALERT-0003", **PIPE)
    assert list(AlertMatch.objects.values_list("saved_search__name", "case__ref")) == [("温州暗管", "ALERT-0003")]


def test_facet_selections_decide_as_on_the_search_page(officer, publish):
    save_search(officer, "q=挥发性有机物&city=温州市", name="温州VOCs")  # the case is in Hangzhou
    save_search(officer, "q=挥发性有机物&fine_min=100000&industry=C26", name="十万元以上")
    publish(ref="ALERT-0004")
    assert list(AlertMatch.objects.values_list("saved_search__name", flat=True)) == ["十万元以上"]


def test_a_withdrawn_case_never_alerts(officer, publish, search_index):
    save_search(officer, VOCS)
    case = publish(ref="ALERT-0005", publish=False)
    case.save_revision().publish()  # published, indexed only once the commit's sync runs ...
    from search import indexing

    indexing.sync_case(case.pk)  # ... which happens here: the case is in the index
    case.set_procedure_fields(withdrawn_on="2026-12-01", withdrawal_reason="处罚决定已被撤销。")
    assert alerting.match_case(case.pk) == 0  # withdrawn before the matching task ran
    assert not AlertMatch.objects.exists() and not mail.outbox


def test_a_case_alerts_once_per_version_and_again_when_corrected(officer, publish):
    save_search(officer, VOCS)
    case = publish(ref="ALERT-0006")
    assert alerting.match_case(case.pk) == 0  # synced again (e.g. commended): the same version
    corrected = publish(ref="ALERT-0006", significance="更正后的典型意义：挥发性有机物无组织排放应予严查。")
    assert corrected.live_revision_id != case.live_revision_id
    assert AlertMatch.objects.filter(case=case).count() == 2
    assert len(mail.outbox) == 2


def test_searches_saved_after_a_publication_do_not_alert_on_it(officer, publish):
    case = publish(ref="ALERT-0007")
    save_search(officer, VOCS)
    assert alerting.match_case(case.pk) == 0


def test_daily_searches_are_collected_in_one_digest(officer, publish):
    save_search(officer, VOCS, name="每日VOCs", frequency="daily")
    save_search(officer, "q=废气", name="每日废气", frequency="daily")
    first = publish(ref="ALERT-0008")
    second = publish(ref="ALERT-0009", title="杭州某涂装有限公司挥发性有机物废气未经处理排放案")
    withdrawn = publish(ref="ALERT-0010", title="杭州某印刷有限公司挥发性有机物无组织排放案")
    withdrawn.set_procedure_fields(withdrawn_on="2026-12-01", withdrawal_reason="撤除。")
    assert AlertMatch.objects.count() == 6 and not mail.outbox  # nothing at once
    call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    [digest] = mail.outbox
    assert digest.to == ["officer_hangzhou@casebase.invalid"] and "2 件" in digest.subject
    assert first.title in digest.body and second.title in digest.body and withdrawn.title not in digest.body
    assert "每日VOCs、每日废气" in digest.body
    call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1  # each match is sent once


def test_switched_off_searches_count_new_matches_without_notices(officer, publish):
    save_search(officer, VOCS, frequency="off")
    publish(ref="ALERT-0011")
    assert not mail.outbox
    assert not alerting.notices_for(SavedSearch.objects.get().owner).exists()
    listing = officer.get("/search/saved/").content.decode()
    assert "新增 1 件" in listing
    opened = officer.get(f"/search/saved/{SavedSearch.objects.get().pk}/open/")
    assert opened.status_code == 302 and opened["Location"].startswith("/search/?q=")
    assert "新增 1 件" not in officer.get("/search/saved/").content.decode()


def test_reading_notices_clears_the_badge(officer, publish):
    save_search(officer, VOCS)
    publish(ref="ALERT-0012")
    assert menu_label(officer.get("/admin/").content.decode()) == "检索提醒（1）"
    assert officer.post("/admin/alerts/read/").status_code == 302
    dashboard = officer.get("/admin/").content.decode()
    assert menu_label(dashboard) == "检索提醒" and "没有未读的检索提醒" in dashboard
