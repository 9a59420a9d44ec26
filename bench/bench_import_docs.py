"""Import the full ctl.io corpora (API docs + getting-started) into a fresh SQLite DB.

Baseline: parsing every file without the database, measured in the same run; the
import is reported as a ratio of it; also counts, skips, queries and a re-import.
"""

import contextlib
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The workplace keeps the corpora in ../shared/data beside the checkout; a clone
# elsewhere finds them through CTL_DOCS or the workplace's own folder.
_CANDIDATES = [p / "shared/data/ctl-docs" for p in ROOT.parents] + [
    Path("/work/shared/data/ctl-docs")
]
CORPORA = Path(
    os.environ.get("CTL_DOCS")
    or next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])
)
TARGET_SECONDS = 60.0


def _setup() -> Path:
    """Point Django at a throw-away SQLite file and media folder before it starts."""
    tmp = Path(tempfile.mkdtemp(prefix="lumen-bench-import-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["DJANGO_MEDIA_ROOT"] = str(tmp / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumen_cms.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return tmp


def run() -> list[str]:
    if not CORPORA.is_dir():
        return [f"corpus not found at {CORPORA} (set CTL_DOCS)"]
    _setup()
    import logging

    from django.db import connection

    from wagtail.models import Site

    from resources.ctl_docs.importer import discover, import_folder
    from resources.ctl_docs.parsing import MalformedDocument, parse_document
    from resources.models import ArticleIndexPage

    logging.disable(logging.INFO)
    home = Site.objects.get(is_default_site=True).root_page
    lines = []
    total_docs = total_import = total_parse = 0.0
    for name in ("api-docs", "getting-started"):
        folder = CORPORA / name
        start = time.perf_counter()
        for path in discover(folder):
            with contextlib.suppress(MalformedDocument):
                parse_document(path, root=folder, link_map={})
        parse_s = time.perf_counter() - start

        index = ArticleIndexPage(title=name, slug=name)
        home.add_child(instance=index)
        queries: list[str] = []

        def count(execute, sql, *args, _log=queries):
            _log.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            report = import_folder(folder, index=index)
        start = time.perf_counter()
        again = import_folder(folder, index=index)
        reimport_s = time.perf_counter() - start
        total_docs += report.imported
        total_import += report.seconds
        total_parse += parse_s
        lines += [
            f"{name}: {report.imported} imported ({report.created} created), "
            f"{report.categories} categories, {report.images_created} images created "
            f"+ {report.images_reused} reused, {len(report.skipped)} skipped, "
            f"{len(report.warnings)} warnings",
            f"{name}: import {report.seconds:.2f} s = {report.seconds / parse_s:.1f}x "
            f"parse-only baseline ({parse_s:.2f} s); {len(queries)} queries "
            f"({len(queries) / max(report.imported, 1):.0f}/doc)",
            f"{name}: re-import {reimport_s:.2f} s, {again.unchanged} unchanged, "
            f"{again.created} created, {again.updated} updated",
            *(f"  skipped {src}: {why}" for src, why in report.skipped),
            *(f"  warning {src}: {why}" for src, why in report.warnings[:10]),
        ]
    lines.append(
        f"total: {total_docs:.0f} documents in {total_import:.2f} s "
        f"({total_import / TARGET_SECONDS:.2f} of the {TARGET_SECONDS:.0f} s target; "
        f"{total_import / total_parse:.1f}x parse-only)"
    )
    return lines
