from pathlib import Path
from statistics import mean

from django.core.management.base import BaseCommand, CommandError

from search.evaluation import JUDGED_SETS, RANKERS, JudgedSet, evaluate, indexed_refs, load_judgements
from search.service import SearchUnavailable, elasticsearch_errors

OURS = "Casebase"


class Command(BaseCommand):
    help = ("Prints, for each judged set (own and real), nDCG@10 and the mean number of hits per query of "
            "Casebase's search, a plain BM25 baseline and Wagtail's database backend, each over the cases the "
            "set was judged against (search/evaluation.py). Both corpora must be imported and indexed, and the "
            "Wagtail index current (`manage.py update_index`).")

    def add_arguments(self, parser):
        parser.add_argument("--set", nargs=2, action="append", metavar=("JUDGEMENTS", "CASES"), dest="sets",
                            help="evaluate these judged queries over these cases instead of the built-in sets")
        parser.add_argument("--per-query", action="store_true", help="one line per query")

    def handle(self, *args, sets, per_query, **options):
        judged_sets = [JudgedSet(judgements, Path(judgements), Path(cases)) for judgements, cases in sets or []]
        try:
            with elasticsearch_errors():
                for judged_set in judged_sets or JUDGED_SETS:
                    self._report(judged_set, per_query)
        except SearchUnavailable as exc:
            raise CommandError(f"检索服务不可用：{exc}") from None

    def _report(self, judged_set: JudgedSet, per_query: bool) -> None:
        for path in (judged_set.judgements, judged_set.cases):
            if not path.is_file():
                raise CommandError(f"{judged_set.name}：文件不存在：{path}")
        judged, corpus = load_judgements(judged_set.judgements), judged_set.corpus_refs()
        indexed = indexed_refs(corpus)
        if not indexed:
            raise CommandError(f"{judged_set.name}：{judged_set.cases} 中的案例都不在检索索引中，"
                               "请先导入并发布（import_cases --publish）")
        scores = evaluate(RANKERS, judged, sorted(indexed))
        self.stdout.write(f"\n{judged_set.name}：查询 {len(judged)} 个，案例 {len(indexed)}/{len(corpus)} 件已索引"
                          f"（{judged_set.judgements.name} × {judged_set.cases.name}）")
        if len(indexed) < len(corpus):
            missing = "、".join(sorted(set(corpus) - indexed)[:10])
            self.stdout.write(self.style.WARNING(f"  未索引：{missing}{' 等' if len(corpus) - len(indexed) > 10 else ''}"))
        if per_query:
            for i, judgement in enumerate(judged):
                figures = "  ".join(f"{scores[name].ndcg[i]:.3f}/{scores[name].hits[i]:<3}" for name in RANKERS)
                self.stdout.write(f"  {figures}  {judgement.query} {judgement.params or ''}")
        ours = mean(scores[OURS].ndcg)
        self.stdout.write("  nDCG@10  平均命中数  检索")
        for name in RANKERS:
            value = mean(scores[name].ndcg)
            ratio = f"（Casebase 为其 {ours / value:.2f} 倍）" if name != OURS and value else ""
            self.stdout.write(f"  {value:7.3f}  {mean(scores[name].hits):10.1f}  {name}{ratio}")
