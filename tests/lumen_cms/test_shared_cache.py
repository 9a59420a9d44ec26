"""One truth across processes: the default cache is shared by every local process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OLD_NUMBER = "1.877.388.4373"
NEW_NUMBER = "1.800.555.0123"
CHANGE_NUMBER = f"""
from wagtail.models import Site
from lumen_cms.models import NavigationSettings
nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
numbers = nav.contact_numbers.raw_data
numbers[0]["value"]["number"] = "{NEW_NUMBER}"
nav.save()
"""


@pytest.fixture
def site_env(seeded_database_url) -> dict[str, str]:
    """The laptop settings (default cache) on a copy of the seeded site."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lumen_cms.settings.dev",
        "DATABASE_URL": seeded_database_url,
        "PAGE_CACHE_TIMEOUT": "300",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CACHE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return env


def test_a_save_in_one_process_refreshes_another_process(site_env):
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.lumen_cms.cache_probe"],
        cwd=ROOT,
        env=site_env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def ask(path: str, needle: str) -> str:
        server.stdin.write(f"GET {path} {needle}\n")
        server.stdin.flush()
        return server.stdout.readline().strip()

    try:
        assert server.stdout.readline().strip() == "ready"
        assert ask("/", OLD_NUMBER) == "200 miss yes"
        assert ask("/", OLD_NUMBER) == "200 hit yes"  # served from the page cache
        assert ask("/contact-us/", OLD_NUMBER).endswith("yes")  # header fragment
        subprocess.run(  # noqa: S603 - fixed arguments
            [sys.executable, "manage.py", "shell", "-c", CHANGE_NUMBER],
            cwd=ROOT,
            env=site_env,
            check=True,
        )
        assert ask("/", NEW_NUMBER) == "200 miss yes"
        assert ask("/contact-us/", NEW_NUMBER).endswith("yes")
        assert ask("/api/v2/navigation/", NEW_NUMBER).endswith("yes")
    finally:
        server.stdin.close()
        server.wait(timeout=30)
