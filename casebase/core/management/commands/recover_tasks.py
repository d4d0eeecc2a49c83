"""Queues again (or fails) the background tasks whose worker died. The worker does this itself
when it starts and every few minutes; run it by hand or from cron when no worker is running."""
from django.core.management.base import BaseCommand

from casebase.core.task_recovery import recover_abandoned_tasks


class Command(BaseCommand):
    help = "重新排队（或标记失败）其后台进程已中断的任务"

    def handle(self, *args, **options):
        recovered = recover_abandoned_tasks()
        self.stdout.write(f"已处理中断的后台任务 {len(recovered)} 个")
