"""Login throttling (django-axes) for every login over HTTP, Wagtail's admin login included."""
from axes.backends import AxesStandaloneBackend


class LoginThrottlingBackend(AxesStandaloneBackend):
    """Axes counts failed logins per request; an authentication without a request (a shell, a
    management command) has nothing to throttle, where axes itself would refuse it."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
