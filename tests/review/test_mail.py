"""Review e-mail: only Casebase's background mails, in Chinese, and a silent mail server never
blocks a review action (a real local SMTP socket that accepts and never answers)."""
import datetime
import socket
import threading

import pytest
from django.core import mail
from django.db.models.signals import ModelSignal
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from casebase.review.notifications import send_review_mail
from casebase.review.signal_handlers import WAGTAIL_NOTIFIERS
from tests.editor import act, current_task_state, edit

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_smtp_server():
    """(host, port) of a server that accepts connections and never says a word."""
    listener = socket.create_server(("127.0.0.1", 0))
    held, stop = [], threading.Event()

    def accept_and_hold():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept_and_hold, daemon=True)
    thread.start()
    yield listener.getsockname()
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.fixture
def smtp_silent(settings, silent_smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = silent_smtp_server
    settings.EMAIL_TIMEOUT = 1


def receivers_named(signal: ModelSignal, uid: str) -> list:
    return [r for r in signal.receivers if r[0][0] == uid]


def test_wagtails_synchronous_notifiers_are_disconnected():
    for signal, _sender, uid in WAGTAIL_NOTIFIERS:
        assert not receivers_named(signal, uid), uid


def test_each_notification_is_sent_once_and_in_chinese(login, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert edit(login("city_hangzhou"), draft).status_code == 302
    assert [m.subject for m in mail.outbox] == [f"【待业务审核】{draft.title}"]
    assert mail.outbox[0].to == ["reviewer_business@casebase.invalid"]
    with django_capture_on_commit_callbacks(execute=True):
        act(login("reviewer_business"), draft, "reject", "请补充整改情况。")
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [f"【待业务审核】{draft.title}", f"【退回修改】{draft.title}"]


def test_a_silent_mail_server_neither_blocks_nor_rolls_back_a_review_action(
    login, draft, smtp_silent, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        assert edit(login("city_hangzhou"), draft).status_code == 302
        assert act(login("reviewer_business"), draft, "approve").status_code == 200
    assert current_task_state(draft).task.name == "法制审核"
    assert "giving up mail" in caplog.text  # the immediate test backend cannot defer a retry


def test_a_failed_mail_is_retried_later_with_backoff(settings, smtp_silent):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert send_review_mail.call(["a@casebase.invalid"], "【待业务审核】某案", "正文") == "retrying"
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["args"][-1] == 2
    assert retry.run_after >= timezone.now() + datetime.timedelta(seconds=50)
