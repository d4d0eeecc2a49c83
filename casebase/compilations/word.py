"""The DOCX edition of a compilation (python-docx): cover, contents, cases by violation type,
index of provisions and the commended units, with Chinese fonts set for East Asian text."""
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from django.conf import settings

from casebase.core.templatetags.casebase_tags import chinese_date

from .contents import CaseEntry, Contents

BODY_FONT, HEADING_FONT = "宋体", "黑体"
TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'


def build_docx(contents: Contents) -> bytes:
    document = Document()
    set_fonts(document)
    write_cover(document, contents)
    write_toc(document, contents)
    for group in contents.groups:
        document.add_heading(group.title, level=1)
        for entry in group.cases:
            write_case(document, entry)
    write_provision_index(document, contents)
    write_commended(document, contents)
    output = BytesIO()
    document.save(output)
    return output.getvalue()


def set_fonts(document) -> None:
    for name, font in [("Normal", BODY_FONT), ("Title", HEADING_FONT)] + [(f"Heading {n}", HEADING_FONT) for n in (1, 2, 3)]:
        style = document.styles[name]
        style.font.name = font
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    document.styles["Normal"].font.size = Pt(11)


def write_cover(document, contents: Contents) -> None:
    for text, size in [(contents.title, 22), (contents.period_label, 16), (f"收录范围：{contents.filters_label}", 12),
                       (f"共收录典型案例 {contents.case_count} 件", 12),
                       (f"{settings.WAGTAIL_SITE_NAME}　{chinese_date(contents.compiled_on)}编", 12)]:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).font.size = Pt(size)
    page_break(document)


def write_toc(document, contents: Contents) -> None:
    """A Word table-of-contents field whose cached result already lists the entries (Word refreshes page numbers)."""
    document.add_heading("目录", level=1)
    entries = [line for group in contents.groups for line in [group.title, *(f"　　{e.number}. {e.case.title}" for e in group.cases)]]
    entries += ["法律条款索引", "受表扬单位名单"]
    paragraphs = [document.add_paragraph() for _ in entries]
    add_field_char(paragraphs[0], "begin")
    instruction = paragraphs[0].add_run()._r
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = TOC_INSTRUCTION
    instruction.append(text)
    add_field_char(paragraphs[0], "separate")
    for paragraph, entry in zip(paragraphs, entries):
        paragraph.add_run(entry)
    add_field_char(paragraphs[-1], "end")
    page_break(document)


def add_field_char(paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def write_case(document, entry: CaseEntry) -> None:
    document.add_heading(f"{entry.number}. {entry.case.title}", level=2)
    document.add_paragraph("　".join(f"{label}：{value}" for label, value in entry.header))
    for notice in entry.notices:
        document.add_paragraph(notice)
    for heading, texts in entry.sections:
        document.add_heading(heading, level=3)
        for text in texts:
            document.add_paragraph(text).paragraph_format.first_line_indent = Pt(22)
    if entry.citations:
        document.add_heading("法律依据", level=3)
        for citation in entry.citations:
            document.add_paragraph(citation)


def write_provision_index(document, contents: Contents) -> None:
    page_break(document)
    document.add_heading("法律条款索引", level=1)
    write_table(document, ["条款", "适用案例"], [(label, "、".join(refs)) for label, refs in contents.provisions])


def write_commended(document, contents: Contents) -> None:
    document.add_heading("受表扬单位名单", level=1)
    if not contents.commended:
        document.add_paragraph("本期无受表扬单位。")
        return
    write_table(document, ["办案单位", "案例", "表扬说明"], [(c.unit, c.title, c.commendation) for c in contents.commended])


def write_table(document, headings: list[str], rows: list[tuple]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings):
        cell.text = heading
    for row in rows:
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value


def page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
