"""Preconditions shared by the management commands: each failing one is a CommandError with a
Chinese message that says what to run first, never a traceback."""
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor


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
