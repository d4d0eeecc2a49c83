"""Error pages in Chinese. handler500 renders without context processors or database access,
so it works even when whatever caused the error is still broken."""
from django.conf import settings
from django.shortcuts import render
from django.template import loader
from django.http import HttpResponseServerError


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return HttpResponseServerError(loader.get_template("500.html").render())


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a login attempt past the failure limit (AXES_LOCKOUT_CALLABLE)."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": f"{settings.AXES_COOLOFF_TIME * 60:g}",
    }
    return render(request, "core/locked_out.html", context, status=429)
