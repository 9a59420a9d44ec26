"""Production-safe settings: everything comes from the environment (see .env.example)."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _name(name: str) -> str:
    """Django's own settings accept `DJANGO_<NAME>` or the plain `<NAME>` (prefixed wins)."""
    return f"DJANGO_{name}" if f"DJANGO_{name}" in env.ENVIRON else name


DEBUG = env.bool(_name("DEBUG"), default=False)
SECRET_KEY = (
    env.str(_name("SECRET_KEY"), default="dev-only-insecure-key")
    if DEBUG
    else env.str(_name("SECRET_KEY"))
)
ALLOWED_HOSTS = env.list(_name("ALLOWED_HOSTS"), default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Lumen CMS: the shell first so its templates win, then the plugins.
    "lumen_cms",
    "catalog",
    "legal",
    "forms",
    "resources",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail_headless_preview",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lumen_cms.middleware.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lumen_cms.middleware.ContentSecurityPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "lumen_cms.middleware.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "lumen_cms.page_cache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lumen_cms.middleware.NotFoundMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into a 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lumen_cms.urls"
WSGI_APPLICATION = "lumen_cms.wsgi.application"

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

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The default is a table in the site's database (created by `migrate`): every local
# process (server, worker, manage.py) shares it, so a save anywhere drops the cached
# menus and pages everywhere. Production uses Redis (CACHE_URL=redis://...).
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://lumen_cache")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis outage degrades pages to uncached instead of 500s (lumen_cms/cache.py),
    # and a dead host costs at most these timeouts per call.
    CACHES["default"]["BACKEND"] = "lumen_cms.cache.FailOpenRedisCache"
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": 0.5,
        "socket_timeout": 1.0,
        **CACHES["default"].get("OPTIONS", {}),
    }
# Public pages for anonymous visitors: seconds kept server-side (0: off), and the
# Cache-Control max-age (browsers) and s-maxage (CDNs, proxies) they are sent with.
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=300)
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_S_MAXAGE = env.int("PAGE_CACHE_S_MAXAGE", default=300)
# A page's rendered content block, shared by every visitor of the URL (editors too)
# until the page's stamp changes: seconds kept (0: off).
PAGE_FRAGMENT_TIMEOUT = env.int("PAGE_FRAGMENT_TIMEOUT", default=300)
# Publish webhooks: seconds a front end has to take one delivery (connect to answer).
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=10.0)

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Seconds SMTP may block (connecting, each command): a slow server fails the send,
# which the outbox retries, instead of holding the worker and its row lock.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Lumen Cloud <no-reply@lumen.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# django-axes first: it refuses to authenticate a locked-out username + IP pair.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# The site serves uploaded images from MEDIA_ROOT (lumen_cms/media.py); turn it off
# when a web server in front serves /media/images/ and /media/original_images/.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
    }
}

# Service pages list the Knowledge Base and guide articles about them (apps stay apart).
CATALOG_RELATED_ARTICLES = "resources.related.articles_about"

# Wagtail
WAGTAIL_SITE_NAME = "Lumen Cloud"
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
)
# PostgreSQL full-text search (stemmed English; the GIN index on title || body is
# added by lumen_cms/migrations/0003); elsewhere the database default (SQLite FTS5).
WAGTAILSEARCH_BACKENDS = {
    "default": (
        {
            "BACKEND": "wagtail.search.backends.database.postgres.postgres",
            "SEARCH_CONFIG": "english",
        }
        if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
        else {"BACKEND": "wagtail.search.backends.database"}
    )
}
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int(
    "WAGTAILDOCS_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024
)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int(
    "WAGTAILIMAGES_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024
)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int(
    "WAGTAILIMAGES_MAX_IMAGE_PIXELS", default=40_000_000
)
# Pillow's decompression-bomb refusal becomes a form error (lumen_cms/images.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "lumen_cms.images.LumenImageForm"
# Avatars come from the site itself: no third-party image host in the admin's CSP.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
]
WAGTAIL_I18N_ENABLED = False
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

# Form submissions stored per client IP and form page within the window (forms/spam.py).
FORMS_RATE_LIMIT = (
    env.int("FORMS_RATE_LIMIT_POSTS", default=10),
    env.int("FORMS_RATE_LIMIT_WINDOW", default=600),
)
# The client IP as the login lockout sees it (AXES_IP_HEADERS, AXES_PROXY_COUNT).
FORMS_CLIENT_IP = "axes.helpers.get_client_ip_address"
# Admin password-reset mail goes through the task worker (lumen_cms/accounts.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "lumen_cms.accounts.QueuedPasswordResetForm"  # noqa: S105

# A 2.5 MB body is refused before any form parsing (see forms app).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int(
    "DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_500_000
)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Uploads larger than this are spooled to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int(
    "DJANGO_FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_500_000
)

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGIN_REGEXES = env.list("CORS_ALLOWED_ORIGIN_REGEXES", default=[])
CORS_ALLOW_CREDENTIALS = env.bool("CORS_ALLOW_CREDENTIALS", default=False)
CORS_PREFLIGHT_MAX_AGE = 86400

# Headless preview: drafts open in the external front end when a URL is set.
HEADLESS_PREVIEW_CLIENT_URL = env.str("HEADLESS_PREVIEW_CLIENT_URL", default="")
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": (
        {"default": HEADLESS_PREVIEW_CLIENT_URL} if HEADLESS_PREVIEW_CLIENT_URL else {}
    ),
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": True,
}

# Security headers (README "Production"). HSTS and the HTTPS redirect are production's.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = env.str(
    "DJANGO_SECURE_REFERRER_POLICY", default="strict-origin-when-cross-origin"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Read by lumen_cms.middleware.CrossOriginResourcePolicyMiddleware (Django has none).
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = env.str(
    "DJANGO_CROSS_ORIGIN_RESOURCE_POLICY", default="same-site"
)
X_FRAME_OPTIONS = "DENY"
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4). Public pages: scripts from this origin
# only (or carrying the request's nonce); inline styles are allowed, scripts never.
csp_report_uri = env.list("CSP_REPORT_URI", default=[])
csp_extra_img_src = env.list("CSP_EXTRA_IMG_SRC", default=[])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", *csp_extra_img_src],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": csp_report_uri or None,
    }
}
# The Wagtail admin uses inline scripts and eval (modal choosers, TableBlock), and
# frames its own preview: it gets this looser policy (lumen_cms.middleware).
LUMEN_ADMIN_PATH_PREFIX = "/admin/"
LUMEN_ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *csp_extra_img_src],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF, "https://releases.wagtail.org"],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
    "report-uri": csp_report_uri or None,
}
if HEADLESS_PREVIEW_CLIENT_URL:
    _preview = urlsplit(HEADLESS_PREVIEW_CLIENT_URL)
    LUMEN_ADMIN_CONTENT_SECURITY_POLICY["frame-src"].append(
        f"{_preview.scheme}://{_preview.netloc}"
    )

# Admin login brute-force protection (django-axes): lock a username + IP pair.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=env.float("AXES_COOLOFF_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Behind a proxy, name the header it sets (HTTP_X_FORWARDED_FOR) and its hop count.
AXES_IPWARE_META_PRECEDENCE_ORDER = env.list("AXES_IP_HEADERS", default=["REMOTE_ADDR"])
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=None)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.str("DJANGO_LOG_LEVEL", default="INFO"),
    },
    # django-axes announces itself at every start (each manage.py command).
    "loggers": {"axes.apps": {"level": "WARNING"}},
}
