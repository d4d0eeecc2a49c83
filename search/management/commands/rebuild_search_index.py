from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.indexing import rebuild, searchable_cases
from search.service import SearchUnavailable, elasticsearch_errors


class Command(BaseCommand):
    help = "Bulk-loads every published case into a new index and swaps the alias to it atomically."

    def handle(self, *args, **options):
        total = searchable_cases().count()
        try:
            with elasticsearch_errors(), tqdm(total=total, unit="案例", disable=not total) as bar:
                name, count, seconds = rebuild(on_progress=bar.update)
        except SearchUnavailable as exc:
            raise CommandError(f"检索服务（Elasticsearch）不可用，索引未重建，现有索引保持不变：{exc}") from None
        rate = count / seconds if seconds else 0
        self.stdout.write(f"索引 {name}：{count} 个案例，用时 {seconds:.1f} 秒（{rate:.0f} 个/秒）")
