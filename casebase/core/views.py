"""Error pages in Chinese. handler500 renders without context processors or database access,
so it works even when whatever caused the error is still broken."""
from django.shortcuts import render
from django.template import loader
from django.http import HttpResponseServerError


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return HttpResponseServerError(loader.get_template("500.html").render())
