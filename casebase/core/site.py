"""The site structure every installation needs: the home page as the default site's root, and
under it the case library, the guide index and the disclosure page. (The law pages are plain
Django views under /laws/ and need no page.) Created by `setup_site`, idempotently, without demo
content, so that a production installation can import cases without anyone using the admin."""
from django.db import transaction
from wagtail.models import Page, Site

from casebase.cases.library import ensure_library
from casebase.compilations.demo import ensure_disclosure_page
from casebase.guides.loader import ensure_guide_index

from .models import HomePage

SITE_NAME = "生态环境执法典型案例库"
HOME_INTRO = (
    "<p>汇集各地生态环境执法典型案例：按违法类型、行业和法律依据查找先例，统一法律适用和裁量尺度；"
    "以案释法，帮助企业守法。</p>"
)


@transaction.atomic
def ensure_site_structure() -> HomePage:
    """Creates whatever part of the structure is missing and returns the home page."""
    home = ensure_home_page()
    ensure_library(home)
    ensure_guide_index(home)
    ensure_disclosure_page(home)
    return home


def ensure_home_page() -> HomePage:
    """The home page as the default site's root, replacing Wagtail's placeholder welcome page."""
    home = HomePage.objects.first()
    if home is None:
        _remove_wagtail_welcome_page()
        home = HomePage(title=SITE_NAME, slug="home", intro=HOME_INTRO)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    if not Site.objects.filter(root_page=home).exists():
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": home, "hostname": "localhost", "port": 80, "site_name": SITE_NAME},
        )
    return home


def _remove_wagtail_welcome_page() -> None:
    """Wagtail's migrations create a plain `Page` at depth 2 ("Welcome to your new Wagtail
    site!"). It has no content of ours; its Site goes with it and is recreated for the home page.
    A plain page that has children is somebody's content and is left alone."""
    for placeholder in Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore"):
        if placeholder.numchild == 0:
            placeholder.delete()
