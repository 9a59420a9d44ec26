"""Apply the host contract (README, "Use the apps in your own Wagtail project") to a
project made by ``wagtail start``; exactly the edits a team makes by hand.

    python apply_contract.py <project folder> <project name> [--host-app NAME]

``--host-app`` also installs the host's own test app (the smoke suite's stand-in for a
project's own models); it is not part of the contract.
"""

from __future__ import annotations

import argparse
from pathlib import Path

CONTRACT_APPS = [
    "legal",
    "forms",
    "catalog",
    "resources",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
]
APP_URLS = ["legal", "forms", "catalog", "resources"]
CATCH_ALL = '    path("", include(wagtail_urls)),'


def patch(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if text.count(old) != 1:
        raise SystemExit(f"{path}: expected exactly one {old!r}")
    path.write_text(text.replace(old, new))


def apply(project: Path, name: str, host_app: str | None) -> None:
    apps = [*CONTRACT_APPS, *([host_app] if host_app else [])]
    patch(
        project / name / "settings" / "base.py",
        'INSTALLED_APPS = [\n    "home",\n',
        'INSTALLED_APPS = [\n    "home",\n' + "".join(f'    "{a}",\n' for a in apps),
    )
    includes = "".join(f'    path("", include("{app}.urls")),\n' for app in APP_URLS)
    patch(project / name / "urls.py", CATCH_ALL, includes + CATCH_ALL)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("name")
    parser.add_argument("--host-app")
    args = parser.parse_args()
    apply(args.project, args.name, args.host_app)
