"""Hostile uploads against document intake: time, the web process's peak memory and the refusal.

    .venv/bin/python benchmarks/intake_limits.py

Each file is built in memory (tests/intake/bombs.py) and read as an upload is
(casebase.intake.documents.document_text), in this process, which stands for the web worker.
"""
import io
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casebase.intake.documents import DocumentRefused, document_text  # noqa: E402
from tests.intake import bombs  # noqa: E402
from tests.intake.sample_documents import WRITE_UP, docx_bytes  # noqa: E402

MB = 1024 * 1024
CASES = [
    ("a normal write-up (.docx)", "案例.docx", lambda: docx_bytes(WRITE_UP)),
    ("PDF stream inflating to 1 GB", "决定书.pdf", lambda: bombs.pdf_inflate_bomb(1024 * MB)),
    ("PDF of 3,000 pages", "汇编.pdf", lambda: bombs.pdf_of_pages(3000)),
    (".docx declaring 1 KB, inflating to 300 MB", "案例.docx", lambda: bombs.docx_lying_about_its_size(WRITE_UP, 300 * MB)),
    (".docx of 6 million characters", "案例.docx", lambda: bombs.docx_of_chars(6_000_000)),
]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    print(f"{'file':45} {'size':>9} {'seconds':>8} {'web peak MB':>12}  outcome")
    for label, name, build in CASES:
        content = build()
        started = time.monotonic()
        try:
            outcome = f"read, {len(document_text(io.BytesIO(content), name, 20 * MB))} characters"
        except DocumentRefused as refusal:
            outcome = f"{type(refusal).__name__}: {refusal.message}"
        print(f"{label:45} {len(content) / 1024:7.0f} KB {time.monotonic() - started:8.2f} {peak_mb():12.0f}  {outcome}")


if __name__ == "__main__":
    main()
