"""A vanilla Wagtail project as `wagtail start` writes it, the baseline a Lumen page is
compared with: same interpreter and Wagtail, its own PostgreSQL database, its
production settings (DEBUG off) plus only what a deployment must add (database,
secret key, hosts; persistent connections as ours have), collected static files, and
a page two levels below its home page at the same URL as our service page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bench.harness import SECRET, manage

PROJECT = "vanilla"
PAGE_PATH = "/managed-services/mysql/"
LOCAL_SETTINGS = """\
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "NAME": {name!r},
        "USER": {user!r},
        "PASSWORD": {password!r},
        "HOST": {host!r},
        "PORT": {port!r},
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }}
}}
SECRET_KEY = {secret!r}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
"""
# home -> a page -> its child, both of the project's only page type.
PAGES = """
from wagtail.models import Site
from home.models import HomePage
home = Site.objects.get(is_default_site=True).root_page
section = HomePage(title="Managed Services", slug="managed-services")
section = home.add_child(instance=section)
section.add_child(instance=HomePage(title="MySQL", slug="mysql"))
print(section.get_children().live().get().url_path)
"""


def build(directory: Path, database_url: str) -> dict[str, str]:
    """Create, migrate and fill the project in ``directory``; the server environment."""
    wagtail = shutil.which("wagtail", path=str(Path(sys.executable).parent))
    subprocess.run(  # noqa: S603 - the wagtail CLI of this interpreter
        [wagtail or "wagtail", "start", PROJECT, str(directory)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    url = urlsplit(database_url)
    (directory / PROJECT / "settings" / "local.py").write_text(
        LOCAL_SETTINGS.format(
            name=url.path.lstrip("/"),
            user=url.username or "",
            password=url.password or "",
            host=url.hostname or "",
            port=str(url.port or ""),
            secret=SECRET,
        )
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CACHE_"))
    }
    env["DJANGO_SETTINGS_MODULE"] = f"{PROJECT}.settings.production"
    manage("migrate", "--noinput", env=env, cwd=directory)
    manage("collectstatic", "--noinput", "-v0", env=env, cwd=directory)
    made = manage("shell", "-c", PAGES, env=env, cwd=directory).strip().splitlines()
    if not made or not made[-1].endswith("/mysql/"):
        raise RuntimeError(f"vanilla page not created: {made}")
    return env
