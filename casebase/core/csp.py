"""The Content-Security-Policy (django-csp), with the one allowance Wagtail's admin needs."""
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

# Wagtail 8's admin still writes inline <script> for some widgets (date choosers, inline panels,
# document choosers), so admin pages allow inline scripts; the public site allows none.
ADMIN_SCRIPT_ALLOWANCE = {"script-src": ["'unsafe-inline'"]}


class CasebaseCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.CASEBASE_ADMIN_PATH):
            parts.update = {**(parts.update or {}), **ADMIN_SCRIPT_ALLOWANCE}
        return parts
