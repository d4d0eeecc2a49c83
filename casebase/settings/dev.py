"""Local development: DEBUG on, console e-mail, SQLite unless DATABASE_URL is set."""
import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F401,F403

SECRET_KEY = SECRET_KEY or "casebase-dev-only-not-secret"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Wagtail logs every page action at INFO; the audit log keeps them anyway.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
# The worker beside `make run` would otherwise print two lines for every background task.
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}  # noqa: F405
