from django.core.management.base import BaseCommand

from search.indexing import sweep


class Command(BaseCommand):
    help = ("Compares the database with the search index and repairs every difference "
            "(run it periodically, e.g. every 15 minutes from cron).")

    def handle(self, *args, **options):
        report = sweep()
        if report.rebuilt:
            self.stdout.write(f"检索索引缺失或结构已更新，已重建：收录 {report.indexed} 个案例")
            return
        self.stdout.write(f"检索索引核对完成：补录或更新 {report.indexed} 个，移除 {report.removed} 个，一致 {report.unchanged} 个")
