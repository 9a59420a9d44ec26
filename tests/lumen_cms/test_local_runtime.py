"""The laptop runtime: a busy port is one line, the cache table comes with migrate."""

import shutil
import socket
import subprocess
import weakref
from pathlib import Path

from django.core.cache import caches
from django.db import connection
from django.db.models.signals import pre_migrate

import pytest

from lumen_cms.apps import create_cache_tables

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_a_busy_port_gives_a_one_line_hint():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(  # noqa: S603 - fixed arguments
            ["make", "--no-print-directory", "port-free", f"PORT={port}"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode != 0
    assert result.stdout.strip().splitlines() == [
        f"Port {port} on 127.0.0.1 is already in use (another server?): "
        f"try make run PORT={port + 1}"
    ]
    assert "Traceback" not in result.stderr


def test_the_database_cache_table_is_created_before_migrations(settings, db):
    refs = [entry[1] for entry in pre_migrate.receivers]
    receivers = [r() if isinstance(r, weakref.ref) else r for r in refs]
    assert create_cache_tables in receivers
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lumen_test_cache",
        }
    }
    create_cache_tables(using="default")
    assert "lumen_test_cache" in connection.introspection.table_names()
    cache = caches.create_connection("default")
    cache.set("shared", "yes")
    assert cache.get("shared") == "yes"
