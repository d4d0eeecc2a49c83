from django.core.management.base import BaseCommand, CommandError

from search.indexing import sweep
from search.service import SearchUnavailable, elasticsearch_errors


class Command(BaseCommand):
    help = ("Compares the database with the search index and repairs every difference "
            "(run it periodically, e.g. every 15 minutes from cron).")

    def handle(self, *args, **options):
        try:
            with elasticsearch_errors():
                report = sweep()
        except SearchUnavailable as exc:
            raise CommandError(f"检索服务（Elasticsearch）不可用，本次未核对，请恢复后再运行：{exc}") from None
        if report.rebuilt:
            self.stdout.write(f"检索索引缺失或结构已更新，已重建：收录 {report.indexed} 个案例")
            return
        self.stdout.write(f"检索索引核对完成：补录或更新 {report.indexed} 个，移除 {report.removed} 个，一致 {report.unchanged} 个")
