"""Reading a document in a child process under hard limits, so that a hostile upload (a PDF
whose streams inflate to gigabytes, a zip bomb, thousands of pages) costs the child, never the
web worker: the child caps its own address space and CPU time (setrlimit) and the parent stops
waiting after `max_seconds`. The child is `python -m casebase.intake.isolation`: it reads the
document from stdin and answers JSON on stdout. It imports no Django."""
import json
import logging
import resource
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

from . import documents
from .documents import DocumentRefused, ReadLimits, TooComplex

logger = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
REFUSALS = {cls.__name__: cls for cls in (
    documents.WrongType, documents.CorruptDocument, documents.EncryptedDocument,
    documents.TooLarge, documents.NoText, TooComplex,
)}


def read_isolated(file, name: str, kind: str, limits: ReadLimits) -> str:
    """The text of the checked document `file` of `kind`, read by a child process."""
    file.seek(0)
    command = [sys.executable, "-m", "casebase.intake.isolation", name, kind, json.dumps(asdict(limits))]
    try:
        child = subprocess.run(command, input=file.read(), capture_output=True, cwd=PROJECT_ROOT,
                               timeout=limits.max_seconds)
    except subprocess.TimeoutExpired as exc:
        raise _too_complex(name, limits, f"still reading after {limits.max_seconds} s") from exc
    if child.returncode != 0:
        # Killed at its CPU limit (SIGXCPU / SIGKILL) or failed in a way it could not report.
        detail = f"reader exited with {child.returncode}: {child.stderr.decode(errors='replace')[-500:]}"
        raise _too_complex(name, limits, detail)
    answer = json.loads(child.stdout)
    if "refused" in answer:
        raise REFUSALS[answer["refused"]](answer["message"], answer["detail"])
    return answer["text"]


def _too_complex(name: str, limits: ReadLimits, detail: str) -> TooComplex:
    return TooComplex(
        f"“{name}”内容过于复杂，无法在 {limits.max_seconds:g} 秒内读取，未能导入。请另存为普通 Word 或 PDF 文件后再上传。",
        detail,
    )


def _limit_self(limits: ReadLimits) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limits.max_memory_bytes, limits.max_memory_bytes))
    cpu = int(limits.max_seconds)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _answer(name: str, kind: str, limits: ReadLimits) -> dict:
    import io

    content = io.BytesIO(sys.stdin.buffer.read())
    try:
        return {"text": documents.read_text(content, name, kind, limits)}
    except DocumentRefused as refusal:
        return {"refused": type(refusal).__name__, "message": refusal.message, "detail": refusal.detail}
    except MemoryError:
        refusal = documents.TooLarge(f"“{name}”读取时占用内存过多，无法导入。请压缩图片或拆分文件后再上传。",
                                     f"memory limit of {limits.max_memory_bytes} bytes reached")
        return {"refused": "TooLarge", "message": refusal.message, "detail": refusal.detail}


if __name__ == "__main__":
    name_arg, kind_arg, limits_arg = sys.argv[1:4]
    read_limits = ReadLimits(**json.loads(limits_arg))
    _limit_self(read_limits)
    json.dump(_answer(name_arg, kind_arg, read_limits), sys.stdout, ensure_ascii=False)
