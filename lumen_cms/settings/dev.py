"""Laptop settings for `make run`: DEBUG on, SQLite, console mail, tasks in the request-free worker."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
# Template edits show at once: no full-page cache unless asked for.
os.environ.setdefault("PAGE_CACHE_TIMEOUT", "0")

from .base import *  # noqa: F403

ALLOWED_HOSTS = ["*"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
