"""An upload of a case file in the admin (批量导入): what it holds, what its check found, and
how far its import has come. The worker fills it in (`bulk_tasks`); the job's pages read it."""
from django.conf import settings
from django.db import models
from django.urls import reverse


class ImportJob(models.Model):
    class Status(models.TextChoices):
        CHECKING = "checking", "正在检查"
        CHECKED = "checked", "检查完成，待导入"
        IMPORTING = "importing", "正在导入"
        DONE = "done", "导入完成"
        FAILED = "failed", "处理中断"

    RUNNING = (Status.CHECKING, Status.IMPORTING)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    filename = models.CharField("文件名", max_length=255)
    file_format = models.CharField("格式", max_length=10)
    encoding = models.CharField("编码", max_length=40, blank=True)
    # The file as uploaded, until the worker has read it into `lines`:
    # [{"number", "record", "problems": [[field, message], …]}] (emptied once imported).
    content = models.BinaryField(default=b"", editable=False)
    lines = models.JSONField(default=list)
    # What the check found, line by line (see bulk_tasks.line_report), and what the import did.
    report = models.JSONField(default=list)
    result = models.JSONField(default=dict)
    notes = models.JSONField(default=list, help_text="warnings about the whole file")
    publish = models.BooleanField("直接发布", default=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.CHECKING)
    done = models.PositiveIntegerField("已处理行数", default=0)
    total = models.PositiveIntegerField("总行数", default=0)
    status_note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "批量导入"

    def __str__(self):
        return f"{self.filename}（{self.get_status_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("cases_bulk_job", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else (100 if not self.is_running else 0)

    def report_progress(self, done: int, **fields) -> None:
        self.done = done
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["done", *fields])
