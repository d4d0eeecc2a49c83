"""Real .docx and .pdf files for the intake tests, written for this project: python-docx for Word,
WeasyPrint (with the Noto CJK fonts) for PDF, pypdf and msoffcrypto-tool to encrypt them."""
import io

import docx
from django.utils.html import escape
from msoffcrypto.format.ooxml import OOXMLFile
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

WRITE_UP = """典型案例一：杭州某化工有限公司未密闭收集挥发性有机物废气案
办案单位：杭州市生态环境局
一、基本案情
2024年8月12日，杭州市生态环境局执法人员对位于杭州市余杭区的杭州某化工有限公司开展现场检查，发现该公司调漆、喷涂工序未在密闭空间或者设备中进行，挥发性有机物废气未经收集处理直接排放。
二、查处情况
该公司的上述行为违反了《中华人民共和国大气污染防治法》第四十五条的规定。2024年11月6日，杭州市生态环境局依据该法第一百零八条第（一）项的规定，对该公司作出行政处罚决定，责令其改正违法行为，并处罚款十二万元。
三、典型意义
挥发性有机物无组织排放是臭氧污染的重要来源。本案提醒涉挥发性有机物排放的企业严格落实密闭收集要求。"""

DECISION = """杭州市生态环境局
行政处罚决定书
杭环罚〔2024〕118号
当事人：杭州某印染有限公司
统一社会信用代码：91330110MA2H00001X
地址：杭州市萧山区某工业园区
经查，我局执法人员于2024年7月3日对你公司进行现场检查，发现你公司污水处理设施未正常运行，部分印染废水未经处理通过雨水排放口直接排入外环境。经采样监测，外排废水中化学需氧量浓度超过国家规定的排放标准。
以上事实有现场检查（勘察）笔录、调查询问笔录、监测报告、现场照片等证据为证。
你公司的上述行为违反了《中华人民共和国水污染防治法》第三十九条的规定。
我局于2024年9月2日向你公司送达了行政处罚事先告知书，你公司在法定期限内未提出陈述、申辩意见。
依据《中华人民共和国水污染防治法》第八十三条第（三）项的规定，我局决定对你公司作出如下行政处罚：
一、责令改正违法行为；
二、罚款人民币叁拾伍万元整。
限你公司自收到本决定书之日起十五日内将罚款缴至指定银行。逾期不缴纳罚款的，我局将每日按罚款数额的百分之三加处罚款。
如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议，也可以在六个月内向人民法院提起行政诉讼。
杭州市生态环境局
二〇二四年十一月六日"""


def docx_bytes(text: str) -> bytes:
    """A Word document with one paragraph per line of `text`."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str) -> bytes:
    """A PDF with one paragraph per line of `text`, set as an official document is: indented
    first lines and long paragraphs wrapping over several lines."""
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines())
    style = "body { font-family: 'Noto Serif CJK SC'; font-size: 14pt } p { text-indent: 2em; margin: 0 0 4pt }"
    return HTML(string=f"<html><head><style>{style}</style></head><body>{paragraphs}</body></html>").write_pdf()


def scanned_pdf_bytes() -> bytes:
    """A PDF with marks on the page but no text layer, as a scan without OCR is."""
    return HTML(string='<div style="width: 12cm; height: 16cm; background: #777"></div>').write_pdf()


def encrypted_pdf_bytes(text: str, user_password: str = "secret") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(text))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_docx_bytes(text: str) -> bytes:
    """A password-protected Word document (Office's agile encryption)."""
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(docx_bytes(text))).encrypt("secret", encrypted)
    return encrypted.getvalue()
