"""Uploaded documents (.docx, .pdf) → plain text, one paragraph per line.

The type is judged by the content, never by the name alone: a .docx is a zip holding
word/document.xml, a PDF starts with %PDF. Every refusal is a `DocumentRefused` whose
`message` is shown to the user as it is and whose `reason` names the refusal in logs.

A small upload can expand enormously (a deflate stream inflates up to 1,000 times, a PDF may
hold thousands of pages), so the parsing itself runs in a child process under hard limits
(`casebase.intake.isolation`); the functions below also count pages, inflated bytes and
characters as they read and stop at `ReadLimits`.
"""
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

import olefile
from docx2python import docx2python
from docx2python.iterators import iter_paragraphs
from pdfminer import pdftypes
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PDF_HEADER_WINDOW = 1024  # the PDF header may follow a little garbage, as readers allow
INFLATE_CHUNK = 1024 * 1024
RAGGED_RIGHT_CHARS = 3  # how far short of the right margin a wrapped line may end (in characters)
SENTENCE_ENDS = ("。", "！", "？", "；", "：", "”", "」")


class DocumentRefused(Exception):
    """The document cannot be read. `message` is for the user, `reason` for logs."""

    reason = "refused"

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.message = message
        self.detail = detail


class WrongType(DocumentRefused):
    reason = "wrong_type"


class CorruptDocument(DocumentRefused):
    reason = "corrupt"


class EncryptedDocument(DocumentRefused):
    reason = "encrypted"


class TooLarge(DocumentRefused):
    reason = "too_large"


class NoText(DocumentRefused):
    reason = "no_text"


class TooComplex(DocumentRefused):
    """Reading it would take more time or memory than a web request may use."""

    reason = "too_complex"


@dataclass(frozen=True)
class ReadLimits:
    """What one document may cost to read. A case write-up or a 决定书 is a few pages and a few
    ten thousand characters; the limits are far above that and far below what hurts a worker."""

    max_pages: int = 200
    max_inflated_bytes: int = 100 * 1024 * 1024  # counted while unpacking, never as declared
    max_chars: int = 300_000  # spaCy refuses texts above 1,000,000 characters (E088)
    max_seconds: float = 20.0  # the web worker's timeout is 30 s; extraction follows reading
    max_memory_bytes: int = 1024 * 1024 * 1024


def too_many_pages(name: str, limits: ReadLimits) -> TooLarge:
    return TooLarge(f"“{name}”超过 {limits.max_pages} 页，无法导入。请只上传案例材料或处罚决定书本身。", f"more than {limits.max_pages} pages")


def too_much_inflated(name: str, limits: ReadLimits) -> TooLarge:
    return TooLarge(f"“{name}”解压后内容超过 {megabytes(limits.max_inflated_bytes)}，无法导入。", f"inflates past {limits.max_inflated_bytes} bytes")


def too_many_chars(name: str, limits: ReadLimits) -> TooLarge:
    return TooLarge(f"“{name}”的文字超过 {limits.max_chars:,} 字，无法导入。请只上传单个案例的材料。", f"more than {limits.max_chars} characters")


def megabytes(max_bytes: int) -> str:
    """20971520 → "20 MB", as the upload form and its refusals state the limit."""
    return f"{max_bytes / (1024 * 1024):g} MB"


def too_large(max_bytes: int, size: int | None = None) -> TooLarge:
    """The refusal of a file over `max_bytes` (`size` None: the upload was stopped at the limit)."""
    detail = f"{size} bytes" if size is not None else "upload stopped at the limit"
    return TooLarge(f"文件超过 {megabytes(max_bytes)}，无法导入。请压缩图片或拆分文件后再上传。", detail)


def document_text(file, name: str, max_bytes: int, limits: ReadLimits = ReadLimits()) -> str:
    """The text of an uploaded .docx or .pdf (`file`: a seekable binary file or a Django upload,
    `name`: its file name), one paragraph per line, never empty. Raises a `DocumentRefused`
    subclass otherwise. The parsing runs in a child process under `limits`."""
    from .isolation import read_isolated  # imports this module in the child

    kind = checked_kind(file, name, max_bytes)
    return read_isolated(_binary_stream(file), name, kind, limits)


def checked_kind(file, name: str, max_bytes: int) -> str:
    """'docx' or 'pdf', judged by content and agreeing with the name; refuses anything else."""
    file = _binary_stream(file)
    size = _size(file)
    if size > max_bytes:
        raise too_large(max_bytes, size)
    suffix = PurePath(name).suffix.lower()
    kind = _kind(file)
    if suffix not in {".docx", ".pdf"}:
        raise WrongType(f"不支持“{name}”这种文件，请上传 Word（.docx）或 PDF 文件。", f"suffix {suffix!r}, content {kind}")
    if kind == "ole":
        _refuse_ole(file, name)
    if kind != suffix.lstrip("."):
        label = "Word（.docx）文档" if suffix == ".docx" else "PDF 文件"
        raise WrongType(f"“{name}”不是有效的{label}（文件内容与扩展名不符），请检查后重新上传。", f"content {kind}")
    return kind


def read_text(file, name: str, kind: str, limits: ReadLimits) -> str:
    """The text of a document of a checked `kind`, read within `limits` (in the child process)."""
    text = _docx_text(file, name, limits) if kind == "docx" else _pdf_text(file, name, limits)
    if not text.strip():
        raise _no_text(kind, name)
    if len(text) > limits.max_chars:
        raise too_many_chars(name, limits)
    return text


def _binary_stream(file) -> io.IOBase:
    """The stream itself (pdfminer reads only io.IOBase): unwraps Django's uploaded files, in
    memory or in a temporary file."""
    while not isinstance(file, io.IOBase) and hasattr(file, "file"):
        file = file.file
    return file


def _size(file) -> int:
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    return size


def _kind(file) -> str:
    """'docx', 'pdf', 'ole' (legacy or encrypted Office), 'zip' (another zip) or 'unknown'."""
    head = file.read(PDF_HEADER_WINDOW)
    file.seek(0)
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else "zip"
        except zipfile.BadZipFile:
            return "docx"  # a damaged zip: reading it reports the damage
        finally:
            file.seek(0)
    if b"%PDF-" in head:
        return "pdf"
    return "unknown"


def _refuse_ole(file, name: str) -> None:
    """An OLE compound file is either a password-protected Office document or a legacy .doc."""
    try:
        encrypted = olefile.OleFileIO(file).exists("EncryptedPackage")
    except OSError as exc:
        raise CorruptDocument(f"“{name}”已损坏，无法读取。", repr(exc)) from exc
    finally:
        file.seek(0)
    if encrypted:
        raise EncryptedDocument(f"“{name}”设有打开密码，无法读取。请取消密码保护后重新上传。", "OOXML EncryptedPackage")
    raise WrongType(f"“{name}”是旧版 Word（.doc）文件，请在 Word 中另存为 .docx 后重新上传。", "legacy OLE document")


def _docx_text(file, name: str, limits: ReadLimits) -> str:
    try:
        _refuse_zip_bomb(file, name, limits)
        with docx2python(file) as content:
            paragraphs = list(iter_paragraphs(content.body))
    except (TooLarge, MemoryError):  # reported as such, not as damage
        raise
    except Exception as exc:  # damaged zips and XML surface as many exception types
        raise CorruptDocument(f"“{name}”已损坏，无法读取。请在 Word 中打开并重新保存后再上传。", repr(exc)) from exc
    return "\n".join(p.strip() for p in paragraphs if p.strip())


def _refuse_zip_bomb(file, name: str, limits: ReadLimits) -> None:
    """A small .docx must not unpack into more than memory can hold. The sizes a zip declares
    can lie, so every entry is inflated (a chunk at a time) and counted."""
    budget = limits.max_inflated_bytes
    with zipfile.ZipFile(file) as archive:
        for entry in archive.infolist():
            with archive.open(entry) as member:
                while chunk := member.read(INFLATE_CHUNK):
                    budget -= len(chunk)
                    if budget < 0:
                        raise too_much_inflated(name, limits)
    file.seek(0)


def _pdf_text(file, name: str, limits: ReadLimits) -> str:
    try:
        with _inflating_at_most(limits.max_inflated_bytes, lambda: too_much_inflated(name, limits)):
            _refuse_too_many_pages(file, name, limits)
            lines, chars = [], 0
            for page in extract_pages(file):
                page_lines = _text_lines(page)
                chars += sum(len(line.get_text()) for line in page_lines)
                if chars > limits.max_chars:
                    raise too_many_chars(name, limits)
                lines += page_lines
    except (TooLarge, MemoryError):  # reported as such, not as damage
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedDocument(f"“{name}”设有打开密码或已加密，无法读取。请取消密码保护后重新上传。", repr(exc)) from exc
    except Exception as exc:  # pdfminer reports damage with many exception types
        raise CorruptDocument(f"“{name}”已损坏，无法读取。请重新导出 PDF 后再上传。", repr(exc)) from exc
    return "\n".join(_join_wrapped_lines(lines))


def _refuse_too_many_pages(file, name: str, limits: ReadLimits) -> None:
    """Counts the page objects (cheap: no content is parsed) before any page is laid out."""
    pages = 0
    for _ in PDFPage.create_pages(PDFDocument(PDFParser(file))):
        pages += 1
        if pages > limits.max_pages:
            raise too_many_pages(name, limits)
    file.seek(0)


class _BoundedZlib:
    """Stands in for the `zlib` module inside pdfminer.pdftypes, which inflates every stream
    in one call without a bound: this one inflates in steps and stops past the budget."""

    error = zlib.error

    def __init__(self, budget: int, refusal):
        self.budget = budget
        self.refusal = refusal

    def decompress(self, data: bytes) -> bytes:
        inflater, parts = zlib.decompressobj(), []
        while not inflater.eof:
            part = inflater.decompress(data, INFLATE_CHUNK)
            data = inflater.unconsumed_tail
            if not part and not data:
                break  # a truncated stream: keep what it gave, as pdfminer's fallback does
            self.budget -= len(part)
            if self.budget < 0:
                raise self.refusal()
            parts.append(part)
        return b"".join(parts)

    def decompressobj(self, *args, **kwargs):
        return zlib.decompressobj(*args, **kwargs)


class _inflating_at_most:
    def __init__(self, budget: int, refusal):
        self.bounded = _BoundedZlib(budget, refusal)

    def __enter__(self):
        pdftypes.zlib = self.bounded

    def __exit__(self, *exc):
        pdftypes.zlib = zlib


def _text_lines(layout) -> list[LTTextLine]:
    """The text lines of a page in pdfminer's reading order."""
    if isinstance(layout, LTTextLine):
        return [layout]
    return [line for child in getattr(layout, "_objs", []) for line in _text_lines(child)]


def _join_wrapped_lines(lines: list[LTTextLine]) -> list[str]:
    """Paragraphs from visual lines: a line continues the paragraph above when it starts at the
    left margin (a new paragraph is indented) and the line above ran to the right margin, or
    nearly so (ragged right) without ending a sentence."""
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    paragraphs, previous = [], None
    for line in lines:
        text = line.get_text().strip()
        if not text:
            continue
        if previous is not None and _continues(previous, line, left, right, paragraphs[-1]):
            paragraphs[-1] += text
        else:
            paragraphs.append(text)
        previous = line
    return paragraphs


def _continues(previous: LTTextLine, line: LTTextLine, left: float, right: float, text_so_far: str) -> bool:
    char = line.height or 1.0
    if line.x0 > left + char / 2:
        return False
    if previous.x1 >= right - char:
        return True
    return previous.x1 >= right - RAGGED_RIGHT_CHARS * char and not text_so_far.endswith(SENTENCE_ENDS)


def _no_text(kind: str, name: str) -> NoText:
    if kind == "pdf":
        return NoText(f"“{name}”中没有可读取的文字（可能是扫描件）。请先进行文字识别（OCR），再上传带文字层的 PDF 或 Word 文件。")
    return NoText(f"“{name}”中没有文字内容，请检查后重新上传。")
