"""Preconditions shared by the management commands: each failing one is a CommandError with a
Chinese message that says what to run first, never a traceback."""
import logging
from contextlib import contextmanager

from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from elasticsearch import ApiError, TransportError

logger = logging.getLogger(__name__)


def require_migrated(database: str = DEFAULT_DB_ALIAS) -> None:
    """The database is reachable and every migration is applied."""
    connection = connections[database]
    try:
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        raise CommandError(f"无法连接数据库，请检查 DATABASE_URL：{exc}") from None
    if unapplied:
        raise CommandError(f"数据库尚未完成迁移（还有 {len(unapplied)} 个迁移未执行），请先运行 python manage.py migrate")


def require_reference_data() -> None:
    """The divisions and vocabularies that cases refer to are loaded."""
    from casebase.laws.models import Law
    from casebase.taxonomy.models import Division, Measure

    require_migrated()
    if not all(model.objects.exists() for model in (Division, Measure, Law)):
        raise CommandError("尚未装入参考资料（法律法规、行政区划、行业分类等），请先运行 python manage.py load_reference_data")


@contextmanager
def search_service(after: str = ""):
    """Elasticsearch unreachable or refusing a request becomes a CommandError that says what
    was already done (`after`) and how to catch up, instead of a traceback."""
    try:
        yield
    except (ApiError, TransportError) as exc:
        logger.error("elasticsearch request failed: %r", exc)
        done = f"{after}；" if after else ""
        raise CommandError(
            f"{done}检索服务（Elasticsearch）不可用或拒绝了请求：{exc}。"
            "请检查 ELASTICSEARCH_URL 和服务状态，恢复后运行 python manage.py rebuild_search_index"
        ) from None


@contextmanager
def reading(path, what: str):
    """A reference file that is missing, unreadable or malformed becomes a CommandError naming it."""
    try:
        yield
    except FileNotFoundError:
        raise CommandError(f"找不到{what}文件：{path}") from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{what}文件不是 UTF-8 编码：{path}（{exc.reason}，第 {exc.start} 字节）") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.error("cannot read %s: %r", path, exc)
        raise CommandError(f"{what}文件无法读取或格式不对：{path}（{type(exc).__name__}: {exc}）") from None
