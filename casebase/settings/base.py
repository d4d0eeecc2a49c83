"""Settings shared by every environment. Everything site-specific comes from the environment."""
import os
from pathlib import Path

from .databases import database_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# The shared reference material (laws, taxonomies) sits beside the repository.
SHARED_DIR = Path(os.environ.get("CASEBASE_SHARED_DIR", BASE_DIR.parent / "shared"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "casebase.core",
    "casebase.taxonomy",
    "casebase.laws",
    "casebase.cases",
    "casebase.precedents",
    "casebase.guides",
    "casebase.compilations",
    "casebase.intake",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # After wagtail.admin: its ready() disconnects Wagtail's synchronous workflow e-mails, which
    # wagtail.admin's ready() connects (casebase/review/signal_handlers.py).
    "casebase.review",
    "casebase.alerts",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and CSRF: a cached public page is served without reading either.
    "casebase.core.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "casebase.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "casebase.wsgi.application"

DATABASES = {"default": database_config(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# Casebase's Chinese for what Wagtail's own zh_Hans catalogue lacks (admin and its JavaScript).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "casebase" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Background work: durable tasks in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task whose worker died is queued again (casebase.core.task_recovery): at once when the
# worker ran on this host, after this many seconds of running otherwise; after this many
# attempts it is marked failed. Workers look for such tasks every ..._INTERVAL seconds.
CASEBASE_TASK_ABANDONED_AFTER = int(os.environ.get("TASK_ABANDONED_AFTER", "1800"))
CASEBASE_TASK_MAX_ATTEMPTS = 3
CASEBASE_TASK_RECOVERY_INTERVAL = 60

# Caches (docs/caching.md). `pages` holds the public pages served to anonymous visitors and must
# be shared by every web worker: the database (table casebase_cache, made by `migrate`), or
# Redis when REDIS_URL is set. `default` holds small lookups (Wagtail's site root paths, related
# case ids), each bounded in time or keyed by revision: per process, unless Redis is configured.
REDIS_URL = os.environ.get("REDIS_URL", "")
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))  # 0 turns page caching off
if REDIS_URL:
    _REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "casebase"}
    CACHES = {"default": _REDIS, "pages": {**_REDIS, "TIMEOUT": PAGE_CACHE_SECONDS}}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "casebase_cache",
            "TIMEOUT": PAGE_CACHE_SECONDS, "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }

# Casebase's own search index (search/). Only `search/` reads these.
ELASTICSEARCH = {
    # Every node of the cluster, comma-separated: the client spreads requests over them and
    # retries a failed one on another node. ELASTICSEARCH_URL (one node) still works.
    "url": os.environ.get("ELASTICSEARCH_URLS") or os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200"),
    "username": os.environ.get("ELASTICSEARCH_USERNAME", ""),
    "password": os.environ.get("ELASTICSEARCH_PASSWORD", ""),
    "api_key": os.environ.get("ELASTICSEARCH_API_KEY", ""),
    "ca_certs": os.environ.get("ELASTICSEARCH_CA_CERTS", ""),
    "timeout": float(os.environ.get("ELASTICSEARCH_TIMEOUT", "5")),
}
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "casebase")
# Copies of each shard beside the primary. Unset: 0 with one node URL, 1 with several (a cluster
# that keeps answering and indexing when a node dies); see search.documents.index_settings.
SEARCH_REPLICAS = int(os.environ["SEARCH_REPLICAS"]) if os.environ.get("SEARCH_REPLICAS") else None
# Public searches give up after this many seconds and show "检索服务暂时不可用".
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "2"))
# Hits counted (with their facet counts) before a search stops counting and says "more than"
# (search/query.py, `counts_body`); 0 counts every hit.
SEARCH_COUNT_LIMIT = int(os.environ.get("SEARCH_COUNT_LIMIT", "20000"))
# Extras that a page shows beside its own content (related cases on a case page) wait less: the
# page renders without them rather than wait for a slow cluster.
SEARCH_EXTRAS_TIMEOUT = float(os.environ.get("SEARCH_EXTRAS_TIMEOUT", "0.5"))

# Wagtail's own search (admin search) runs on the database; Casebase feeds it
# jieba-segmented text because the Elasticsearch backend needs analysis-common.
# search.admin_backend segments the query too, so Chinese queries find Chinese words.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}

WAGTAIL_SITE_NAME = "生态环境执法典型案例库"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
# Draftail whose editing box is named by the field's label (screen readers; WCAG 4.1.2).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "casebase.core.rich_text.LabelledDraftailRichTextArea"}}
# Uploads: a file above FILE_UPLOAD_MAX_MEMORY_SIZE is streamed to a temporary file, never held in
# memory; document intake (casebase/intake) stops receiving a file past INTAKE_MAX_UPLOAD_SIZE
# bytes and refuses it. A front web server should cap request bodies a little above that too.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
INTAKE_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Bulk import of case files in the admin (casebase/cases/bulk_views.py) and by import_cases.
BULK_IMPORT_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
BULK_IMPORT_MAX_LINES = 2000
BULK_EXPORT_MAX_CASES = 5000
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "xls", "jpg", "jpeg", "png", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "casebase@localhost")
# Seconds a mail server may take to answer before sending fails (and send_review_mail retries).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "jieba": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# SQLite (quick start only) cannot enforce unique constraints with NULLs not distinct;
# PostgreSQL, used in production and CI, does.
SILENCED_SYSTEM_CHECKS = ["models.W047"]

# Review procedure: cities report typical cases each quarter by this day of its last month.
CASEBASE_QUARTERLY_DEADLINE_DAY = int(os.environ.get("QUARTERLY_DEADLINE_DAY", "25"))
WAGTAIL_FINISH_WORKFLOW_ACTION = "casebase.review.finish.finish_workflow"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Nothing is fetched from the internet at run time: no Gravatar avatars in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Security: private documents (issue 12) ---
# Documents are always served through Wagtail's view, which runs the before_serve_document hook
# (casebase/cases/wagtail_hooks.py): those of unpublished cases are private. Never let the front
# web server serve MEDIA_ROOT/documents/ directly.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# --- Security: login throttling, Content-Security-Policy (issue 12) ---
# django-axes: after LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that
# pair is locked out for LOGIN_COOLOFF_MINUTES (a Chinese page, casebase.core.views.locked_out).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["casebase.core.csp.CasebaseCSPMiddleware", "axes.middleware.AxesMiddleware"]  # axes last
AUTHENTICATION_BACKENDS = [
    "casebase.core.auth.LoginThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "casebase.core.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# django-csp: no inline script anywhere (admin and public pages load theirs from static files).
# Styles allow 'unsafe-inline': Wagtail's admin sets style attributes from its scripts. Pages
# under CASEBASE_ADMIN_PATH also allow inline scripts, which Wagtail's admin widgets still write.
CASEBASE_ADMIN_PATH = "/admin/"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}
