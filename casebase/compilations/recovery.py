"""What the administrator sees when the worker building a compilation died (casebase.core.task_recovery)."""
from .models import Compilation

BUILD_TASK_PATH = "casebase.compilations.tasks.build_compilation"
REQUEUED_NOTE = "生成中断，已重新排队"
INTERRUPTED_NOTE = "生成中断，请重试"


def on_task_abandoned(sender, task_result, requeued: bool, **kwargs) -> None:
    if task_result.task_path != BUILD_TASK_PATH:
        return
    args, kwargs_ = task_result.args_kwargs.get("args", []), task_result.args_kwargs.get("kwargs", {})
    compilation_id = args[0] if args else kwargs_.get("compilation_id")
    compilation = Compilation.objects.filter(pk=compilation_id).first()
    if compilation is None:
        return
    if requeued:
        compilation.report_progress(0, REQUEUED_NOTE, status=Compilation.Status.QUEUED)
    else:
        compilation.report_progress(compilation.progress, INTERRUPTED_NOTE, status=Compilation.Status.FAILED)
