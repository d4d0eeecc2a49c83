from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from casebase.core.management.checks import reading, require_migrated
from casebase.core.page_cache import one_invalidation_at_the_end
from casebase.laws.loader import law_files, load_law_file
from casebase.laws.parser import LawFormatError
from casebase.taxonomy.loaders import load_divisions, load_industries, load_vocabularies


class Command(BaseCommand):
    help = "Loads or refreshes (idempotently) the laws, industry codes, divisions and vocabularies from shared/."

    def handle(self, *args, **options):
        require_migrated()
        with one_invalidation_at_the_end():  # thousands of rows, each committed alone
            self.load()

    def load(self):
        shared = settings.SHARED_DIR
        if not (shared / "laws").is_dir():
            raise CommandError(f"找不到参考资料目录：{shared}（可用环境变量 CASEBASE_SHARED_DIR 指定）")
        data = shared / "data"
        with reading(data / "gbt4754_2017_industry.csv", "行业分类"):
            industries = load_industries(data / "gbt4754_2017_industry.csv")
        with reading(data / "admin_divisions_nbs2023.csv", "行政区划"):
            divisions = load_divisions(data / "admin_divisions_nbs2023.csv")
        with reading(data / "cee_violation_labels.json", "违法类型"):
            violation_types, measures = load_vocabularies(data / "cee_violation_labels.json")
        self.stdout.write(f"行业分类 {industries} 条，行政区划 {divisions} 条，违法类型 {violation_types} 个，处理措施 {measures} 个")
        for path in law_files(shared / "laws"):
            with reading(path, "法律"):
                try:
                    version = load_law_file(path)
                except LawFormatError as exc:
                    raise CommandError(f"法律文件格式错误：{exc}") from None
            self.stdout.write(f"  {version}：{version.articles().count()} 条")

