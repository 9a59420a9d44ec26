"""Production: base plus HTTPS, PostgreSQL, Redis, SMTP, object storage and a CDN.

Every service comes from the environment and is required (no silent laptop
fallbacks); `make check-deploy` runs `check --deploy` on these settings.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    INSTALLED_APPS,
    LUMEN_ADMIN_CONTENT_SECURITY_POLICY,
    STORAGES,
    TEMPLATES,
    _name,
    env,
)

DEBUG = False
SECRET_KEY = env.str(_name("SECRET_KEY"))
if not SECRET_KEY.strip():
    raise ImproperlyConfigured("Set SECRET_KEY (50+ random characters).")
ALLOWED_HOSTS = env.list(_name("ALLOWED_HOSTS"))

# PostgreSQL (postgres://user:pass@host:5432/name); persistent, health-checked connections.
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Redis (redis://host:6379/1) through Django's own RedisCache and the redis package.
CACHES = {"default": env.cache("CACHE_URL")}
if urlsplit(env.str("CACHE_URL")).scheme.startswith("redis"):
    CACHES["default"]["BACKEND"] = "django.core.cache.backends.redis.RedisCache"

# SMTP (smtp+tls://user:pass@host:587); the outbox worker sends with retries.
vars().update(env.email("EMAIL_URL"))

# Tasks (outbox mail, search indexing) go to the database queue run by `db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# HTTPS. The redirect can be turned off for plain-HTTP benchmarks behind no proxy.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
# Preload is hard to undo, so it is opt-in; without it Django's reminder is silenced.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Hashed, compressed static files served by WhiteNoise; templates compiled once.
STORAGES = {
    **STORAGES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
TEMPLATES = [{**TEMPLATES[0], "APP_DIRS": False}]
TEMPLATES[0]["OPTIONS"] = {
    **TEMPLATES[0]["OPTIONS"],
    "loaders": [
        (
            "django.template.loaders.cached.Loader",
            [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ],
        )
    ],
}

# Media on local disk (DJANGO_MEDIA_ROOT) or S3-compatible storage (django-storages).
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="local")
if MEDIA_STORAGE == "s3":
    _s3_options = {
        "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
        "location": env.str("AWS_LOCATION", default="media"),
        "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=True),
        "default_acl": None,
        "file_overwrite": False,
    }
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": _s3_options,
        },
    }
    # The bucket stays private: documents stream through Django after privacy checks.
    WAGTAILDOCS_SERVE_METHOD = env.str("WAGTAILDOCS_SERVE_METHOD", default="serve_view")
    _media = (
        _s3_options["custom_domain"]
        or urlsplit(
            _s3_options["endpoint_url"]
            or f"https://{_s3_options['bucket_name']}.s3.amazonaws.com"
        ).netloc
    )
    for _policy in (
        CONTENT_SECURITY_POLICY["DIRECTIVES"],
        LUMEN_ADMIN_CONTENT_SECURITY_POLICY,
    ):
        _policy["img-src"] = [*_policy["img-src"], f"https://{_media}"]
elif MEDIA_STORAGE != "local":
    raise ValueError("MEDIA_STORAGE must be 'local' or 's3'.")
# Local media are served by the site unless a web server takes over (SERVE_MEDIA).
SERVE_MEDIA = MEDIA_STORAGE == "local" and env.bool("SERVE_MEDIA", default=True)

# CDN purge on publish (wagtail.contrib.frontend_cache); off unless a backend is set.
FRONTEND_CACHE_BACKEND = env.str("FRONTEND_CACHE_BACKEND", default="")
_frontend_backends = {
    "cloudflare": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env.str("CLOUDFLARE_ZONEID"),
    },
    "cloudfront": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env.str("CLOUDFRONT_DISTRIBUTION_ID"),
    },
    "http": lambda: {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env.str("FRONTEND_CACHE_LOCATION"),
    },
}
if FRONTEND_CACHE_BACKEND:
    if FRONTEND_CACHE_BACKEND not in _frontend_backends:
        raise ValueError(
            f"FRONTEND_CACHE_BACKEND must be one of {sorted(_frontend_backends)}."
        )
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {"default": _frontend_backends[FRONTEND_CACHE_BACKEND]()}
