"""The test suite: real database and real Elasticsearch, isolated index names."""
import os

os.environ.setdefault("SEARCH_INDEX_PREFIX", f"casebase-test-{os.getpid()}")

from .dev import *  # noqa: E402,F401,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once inside the test process; the durable backend is tested on its own.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Serve static files straight from the app directories (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Pages render on every request (the page cache has tests of its own, which turn it on).
PAGE_CACHE_SECONDS = 0
