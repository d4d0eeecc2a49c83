"""WAGTAIL_FINISH_WORKFLOW_ACTION. Wagtail imports this setting while its own models are still
loading, so this module imports nothing at load time; the work is in workflow.finish_workflow."""


def finish_workflow(workflow_state, user=None):
    from .workflow import finish_workflow as finish

    finish(workflow_state, user=user)
