"""Settings come from the environment (django-environ); probed in a new interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'debug': settings.DEBUG, 'secret': settings.SECRET_KEY,"
    "'hosts': settings.ALLOWED_HOSTS, 'db': settings.DATABASES['default']['ENGINE'],"
    "'db_name': str(settings.DATABASES['default']['NAME']),"
    "'cache': settings.CACHES['default']['BACKEND'], 'email': settings.EMAIL_BACKEND,"
    "'admin_url': settings.WAGTAILADMIN_BASE_URL}))"
)
NAMES = [
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CACHE_URL",
    "EMAIL_URL",
    "WAGTAILADMIN_BASE_URL",
]


def probe(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in NAMES and k.removeprefix("DJANGO_") not in NAMES
    }
    clean.update(DJANGO_SETTINGS_MODULE="lumen_cms.settings.base", **env)
    return subprocess.run(  # noqa: S603 - fixed interpreter and arguments
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_defaults_are_sqlite_in_the_project_and_debug_off():
    result = probe(SECRET_KEY="s3cret")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(ROOT / "db.sqlite3")
    assert values["secret"] == "s3cret"


def test_secret_key_is_required_unless_debug():
    assert probe().returncode != 0
    assert probe(DEBUG="true").returncode == 0


@pytest.mark.parametrize("prefix", ["", "DJANGO_"])
def test_values_come_from_the_environment(prefix):
    result = probe(
        **{
            f"{prefix}DEBUG": "false",
            f"{prefix}SECRET_KEY": "k",
            f"{prefix}ALLOWED_HOSTS": "cloud.lumen.example,www.lumen.example",
        },
        DATABASE_URL="postgres://u:p@db.example:5432/lumen",
        CACHE_URL="dummycache://",
        EMAIL_URL="smtp://mail.example:25",
        WAGTAILADMIN_BASE_URL="https://cloud.lumen.example",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["hosts"] == ["cloud.lumen.example", "www.lumen.example"]
    assert values["db"] == "django.db.backends.postgresql"
    assert values["db_name"] == "lumen"
    assert values["cache"] == "django.core.cache.backends.dummy.DummyCache"
    assert values["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["admin_url"] == "https://cloud.lumen.example"


def test_env_example_documents_every_variable():
    text = (ROOT / ".env.example").read_text()
    for name in NAMES:
        assert name in text, name


def test_env_example_documents_every_variable_the_settings_read():
    """Every env var read by the settings modules or gunicorn.conf.py is documented."""
    import re

    text = (ROOT / ".env.example").read_text()
    sources = [
        *(ROOT / "lumen_cms" / "settings").glob("*.py"),
        ROOT / "gunicorn.conf.py",
    ]
    pattern = re.compile(
        r"""(?:env\.\w+\(|_name\(|os\.environ\.get\(|setdefault\()\s*"([A-Z][A-Z0-9_]+)\""""
    )
    names = {name for path in sources for name in pattern.findall(path.read_text())}
    assert {"SECRET_KEY", "MEDIA_STORAGE", "GUNICORN_WORKERS"} <= names
    # Django's own settings may be written with or without the DJANGO_ prefix.
    plain = {n.removeprefix("DJANGO_") for n in names}
    missing = sorted(n for n in plain if n not in text and f"DJANGO_{n}" not in text)
    assert missing == []
