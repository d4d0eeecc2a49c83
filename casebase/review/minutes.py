"""The minutes (审议纪要) of a collective deliberation: one page, as PDF and as DOCX."""
from dataclasses import dataclass
from io import BytesIO

from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from casebase.core.pdf import render_pdf
from casebase.core.validators import without_control_characters

from .models import CommitteeTaskState

DOCX_FONT = "Noto Serif CJK SC"


@dataclass
class Minutes:
    state: CommitteeTaskState

    @property
    def case(self):
        return self.state.workflow_state.content_object.specific

    @property
    def title(self) -> str:
        return f"典型案例集体审议纪要：{self.case.title}"

    @property
    def decision(self) -> str:
        approvals, rejections = self.state.tally()
        if self.state.status == self.state.STATUS_APPROVED:
            verdict = "审议通过，同意发布"
        elif self.state.status == self.state.STATUS_REJECTED:
            verdict = "审议未通过，退回修改"
        else:
            verdict = "审议尚未作出决定"
        return f"{verdict}（同意 {approvals} 票，不同意 {rejections} 票）"

    def facts(self) -> list[tuple[str, str]]:
        task = self.state.task.specific
        return [
            ("案例", f"{self.case.title}（{self.case.ref}）"),
            ("报送单位", self.case.unit),
            ("审议开始", timezone.localtime(self.state.started_at).strftime("%Y年%m月%d日 %H:%M")),
            ("委员人数", f"{task.eligible_members(self.state).count()} 人，法定人数 {task.quorum_size(self.state)} 人"),
            ("审议结论", self.decision),
        ]

    def votes(self):
        return list(self.state.votes.select_related("voter"))


def minutes_pdf(state: CommitteeTaskState) -> bytes:
    minutes = Minutes(state)
    return render_pdf("review/minutes_pdf.html", {"minutes": minutes, "document_title": minutes.title})


def minutes_docx(state: CommitteeTaskState) -> bytes:
    minutes = Minutes(state)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = DOCX_FONT
    style.font.size = Pt(11)
    # East Asian text takes its font from eastAsia, not from the Latin font name.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), DOCX_FONT)
    document.add_heading(minutes.title, level=1)
    for label, value in minutes.facts():
        document.add_paragraph(f"{label}：{value}")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, ["委员", "表决", "审议意见", "时间"]):
        cell.text = heading
    for vote in minutes.votes():
        row = table.add_row().cells
        row[0].text = vote.voter_name
        row[1].text = "同意" if vote.approve else "不同意"
        row[2].text = without_control_characters(vote.opinion)  # opinions stored before forms cleaned them
        row[3].text = timezone.localtime(vote.voted_at).strftime("%Y-%m-%d %H:%M")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
