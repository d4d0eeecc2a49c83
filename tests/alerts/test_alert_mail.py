"""Alert e-mails show what the public case page shows: title, ref, region, link. Nothing of the
draft's people (submitter, reporter, the other officers alerted), nothing of the case text."""
import pytest
from django.core import mail
from django.test import Client

from tests.alerts.conftest import save_search
from tests.factories import create_case

pytestmark = pytest.mark.django_db

WHISTLEBLOWER = "经群众王某举报（联系电话13912345678）"


def test_alert_mail_carries_only_public_fields(officer, wenzhou_officer, accounts, django_capture_on_commit_callbacks):
    save_search(officer, "q=挥发性有机物", name="VOCs")
    wenzhou = Client()
    wenzhou.force_login(wenzhou_officer)
    save_search(wenzhou, "q=废气", name="废气")
    submitter = accounts["city_hangzhou"]
    case = create_case(ref="ALERT-MAIL-1", user=submitter, publish=False,
                       basic_facts=f"2024年8月，{WHISTLEBLOWER}，执法人员检查发现该公司挥发性有机物废气未经收集直接排放。")
    with django_capture_on_commit_callbacks(execute=True):
        case.get_latest_revision().publish()  # as the workflow publishes the city's draft
    case.refresh_from_db()
    assert sorted(m.to for m in mail.outbox) == [["officer_hangzhou@casebase.invalid"], ["officer_wenzhou@casebase.invalid"]]
    for message in mail.outbox:
        assert not message.cc and not message.bcc
        text = message.subject + message.body
        assert case.title in text and "案例编号：ALERT-MAIL-1" in text and "地区：浙江省杭州市余杭区" in text
        assert f"链接：http://localhost{case.url}" in text
        for private in ("王某", "13912345678", "举报", submitter.username, submitter.email, submitter.first_name,
                        "officer_hangzhou" if message.to == ["officer_wenzhou@casebase.invalid"] else "officer_wenzhou",
                        "十二万元", "臭氧污染", "杭州市生态环境局"):
            assert private not in text, private
