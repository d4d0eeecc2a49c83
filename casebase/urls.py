from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from casebase.cases import admin_page_scoping
from casebase.laws.views import article_browser

urlpatterns = [
    # Admin views that name a page by id and would show its title to anyone with admin access.
    *admin_page_scoping.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("laws/", include("casebase.laws.urls")),
    path("search/articles/", article_browser, name="article_browser"),
    path("", include("casebase.compilations.urls")),
    path("", include("casebase.alerts.urls")),
    path("", include("search.urls")),
]

if settings.DEBUG:
    from django.urls import re_path
    from django.views.static import serve

    # Images only: documents go through /documents/, which checks who may read them.
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?!documents/)(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "casebase.core.views.page_not_found"
handler500 = "casebase.core.views.server_error"
