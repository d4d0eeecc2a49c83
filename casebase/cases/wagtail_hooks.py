from wagtail import hooks

from .importer import IMPORT_LOG_ACTION


@hooks.register("register_log_actions")
def register_case_log_actions(actions):
    actions.register_action(IMPORT_LOG_ACTION, "导入并发布", "由 import_cases 导入并发布")
