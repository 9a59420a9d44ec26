"""Settings for the browser tests' server: the test settings on a throw-away database.

DEBUG stays off so visitors get the real 404 page; WhiteNoise serves static files from
the finders since nothing is collected; cookies are not Secure-only over plain HTTP.
The spam check stays on, with a one-second minimum fill time that the tests wait out.
"""

import os

import environ

from lumen_cms.settings.test import *  # noqa: F403
from tests.e2e.seed import FORM_MIN_FILL_SECONDS

DATABASES = {"default": environ.Env.db_url_config(os.environ["LUMEN_E2E_DATABASE_URL"])}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
WHITENOISE_USE_FINDERS = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
FORMS_MIN_SUBMIT_SECONDS = FORM_MIN_FILL_SECONDS
FORMS_RATE_LIMIT = (100, 600)
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
