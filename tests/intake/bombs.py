"""Hostile documents built in a few lines and a few hundred kilobytes: a PDF whose stream
inflates to hundreds of megabytes, a PDF of thousands of pages, a .docx that lies about its
unpacked size, a .docx of millions of characters."""
import io
import struct
import zipfile
import zlib

from tests.intake.sample_documents import docx_bytes

MB = 1024 * 1024
PAGE_TEXT = b"BT /F1 12 Tf 72 700 Td (Page) Tj ET"


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object 1 is the catalog), with a correct cross-reference table."""
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def stream(data: bytes, flate: bool = False) -> bytes:
    extra = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def pdf_of_pages(pages: int, content: bytes = stream(PAGE_TEXT)) -> bytes:
    """`pages` pages sharing one content stream and one font (objects 3 and 4)."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
            b" /Resources << /Font << /F1 4 0 R >> >> >>")
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        content,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *[page] * pages,
    ])


def deflated_spaces(size: int) -> bytes:
    """`size` spaces, deflated a megabyte at a time (the test never holds them inflated)."""
    compressor, parts, megabyte = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_RLE), [], b" " * MB
    for _ in range(size // MB):
        parts.append(compressor.compress(megabyte))
    parts.append(compressor.flush())
    return b"".join(parts)


def pdf_inflate_bomb(inflated: int = 400 * MB) -> bytes:
    """One page whose content stream (valid: spaces, then the text) inflates to `inflated` bytes."""
    return pdf_of_pages(1, stream(deflated_spaces(inflated), flate=True))


def docx_lying_about_its_size(text: str, inflated: int = 300 * MB) -> bytes:
    """A real .docx plus an entry of `inflated` spaces whose declared size is 1 KB."""
    buffer = io.BytesIO(docx_bytes(text))
    data = deflated_spaces(inflated)
    with zipfile.ZipFile(buffer, "a") as archive:
        info = zipfile.ZipInfo("word/media/fill.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, b"")  # placeholder, replaced below
    raw = buffer.getvalue()
    return _with_entry(raw, "word/media/fill.xml", data, declared=1024, crc=zlib.crc32(b" " * 1024))


def _with_entry(raw: bytes, name: str, data: bytes, declared: int, crc: int) -> bytes:
    """Rebuilds the zip with `name` holding the deflated `data` and claiming `declared` bytes."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
    entries = out.getvalue()
    # Append the lying entry by hand: local header, data, then a fresh central directory.
    target = zipfile.ZipFile(io.BytesIO(entries))
    central, offset = [], entries.index(b"PK\x01\x02")
    body = bytearray(entries[:offset])
    for info in target.infolist():
        central.append(_central_record(info.filename.encode(), info.compress_type, info.CRC,
                                       info.compress_size, info.file_size, info.header_offset))
    local_offset = len(body)
    encoded = name.encode()
    body += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), declared, len(encoded), 0)
    body += encoded + data
    central.append(_central_record(encoded, 8, crc, len(data), declared, local_offset))
    directory = b"".join(central)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), len(body), 0)
    return bytes(body) + directory + end


def _central_record(name: bytes, method: int, crc: int, compressed: int, size: int, offset: int) -> bytes:
    return struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0, crc, compressed, size,
                       len(name), 0, 0, 0, 0, 0, offset) + name


def docx_of_chars(chars: int) -> bytes:
    line = "某公司超标排放废水" * 100
    return docx_bytes("\n".join([line] * (chars // len(line) + 1)))
