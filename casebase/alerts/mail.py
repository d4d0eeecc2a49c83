"""The alert e-mails. They show what the public case page shows and nothing more: a case's
title, ref, region and link (never its unit's contacts, a submitter, a reporter or any field
of the draft), plus the officer's own names for their searches."""
from django.conf import settings
from django.urls import reverse


def case_link(case) -> str:
    return case.full_url or settings.WAGTAILADMIN_BASE_URL + (case.url or "")


def saved_searches_link() -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("alerts:list")


def _case_lines(case, corrected: bool) -> list[str]:
    title = f"{case.title}（已更正）" if corrected else case.title
    return [title, f"案例编号：{case.ref}", f"地区：{case.region_label}", f"链接：{case_link(case)}"]


def _footer() -> list[str]:
    return ["", f"管理您保存的检索和提醒方式：{saved_searches_link()}"]


def instant_mail(case, search_names: list[str], corrected: bool) -> tuple[str, str]:
    names = "、".join(f"“{name}”" for name in search_names)
    kind = "更正" if corrected else "新发布"
    subject = f"【检索提醒】{kind}案例：{case.title}"
    body = [f"您保存的检索{names}有一件{kind}的案例：", "", *_case_lines(case, corrected), *_footer()]
    return subject, "\n".join(body)


def digest_mail(items: list[tuple]) -> tuple[str, str]:
    """`items`: (case, search names, corrected) for each case of the day."""
    subject = f"【检索提醒】每日汇总：{len(items)} 件新案例"
    body = [f"您保存的检索今日有 {len(items)} 件新发布或更正的案例："]
    for number, (case, names, corrected) in enumerate(items, 1):
        body += ["", f"{number}. 匹配检索：{'、'.join(names)}", *_case_lines(case, corrected)]
    return subject, "\n".join(body + _footer())
