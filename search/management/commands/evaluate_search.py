from pathlib import Path
from statistics import mean

from django.core.management.base import BaseCommand

from search.evaluation import (
    JUDGEMENTS, admin_ranking, casebase_ranking, evaluate, load_judgements, stock_database_ranking,
)

RANKERS = {
    "Casebase": casebase_ranking,
    "Wagtail 数据库检索（后台，分词查询）": admin_ranking,
    "Wagtail 数据库检索（原样查询）": stock_database_ranking,
}


class Command(BaseCommand):
    help = ("Prints nDCG@10 of Casebase's search and, side by side on the same cases and queries, of "
            "Wagtail's database search backend over fixtures/search_judgements.jsonl. The Wagtail index "
            "must be current (`manage.py update_index`).")

    def add_arguments(self, parser):
        parser.add_argument("--judgements", default=str(JUDGEMENTS))
        parser.add_argument("--per-query", action="store_true", help="one line per query")

    def handle(self, *args, judgements, per_query, **options):
        judged = load_judgements(Path(judgements))
        scores = evaluate(RANKERS, judged)
        if per_query:
            for i, judgement in enumerate(judged):
                self.stdout.write("  ".join(f"{scores[name][i]:.3f}" for name in RANKERS) + f"  {judgement.query}")
        ours = mean(scores["Casebase"])
        self.stdout.write(f"查询 {len(judged)} 个，nDCG@10：")
        for name in RANKERS:
            value = mean(scores[name])
            ratio = f"（Casebase 为其 {ours / value:.2f} 倍）" if name != "Casebase" and value else ""
            self.stdout.write(f"  {name}：{value:.3f}{ratio}")
