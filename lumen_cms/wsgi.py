"""WSGI entry point; production runs base settings plus the environment."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumen_cms.settings.base")

application = get_wsgi_application()
