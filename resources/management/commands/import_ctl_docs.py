"""manage.py import_ctl_docs <folder> --into <parent page path>"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Page, Site

from tqdm import tqdm

from resources.models import ArticleIndexPage


def find_index(path: str) -> ArticleIndexPage:
    """Resolve `/api-docs/` (relative to the default site's root) or a page id."""
    if path.isdigit():
        page = Page.objects.filter(pk=int(path)).first()
    else:
        page = Site.objects.get(is_default_site=True).root_page
        for slug in [s for s in path.strip("/").split("/") if s]:
            page = page.get_children().filter(slug=slug).first() if page else None
    if page is None:
        raise CommandError(f"No page at {path!r}.")
    if not isinstance(page.specific, ArticleIndexPage):
        raise CommandError(
            f"{path!r} is a {page.specific_class.__name__}, not an index."
        )
    return page.specific


class Command(BaseCommand):
    help = "Import ctl.io knowledge-base documents as articles under an index page."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--into", required=True, help="Index page path, e.g. /api-docs/, or id."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Hide the progress bar."
        )

    def handle(self, *args, folder: Path, into: str, no_progress: bool, **options):
        try:
            from resources.ctl_docs.importer import import_folder
        except ImportError as exc:  # markdown / nh3 come with the docs-import extra
            raise CommandError(
                f"import_ctl_docs needs {exc.name!r}: install the docs-import extra "
                "(pip install 'lumen-cms[docs-import]')."
            ) from exc
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        index = find_index(into)
        hide = no_progress or not sys.stderr.isatty()
        report = import_folder(
            folder,
            index=index,
            progress=lambda items, desc: tqdm(
                items, desc=desc, unit="doc", disable=hide, file=sys.stderr
            ),
        )
        self.stdout.write(
            f"Imported {report.imported} documents into {index.url_path} in "
            f"{report.seconds:.1f} s: {report.created} created, {report.updated} "
            f"updated, {report.unchanged} unchanged; {report.categories} categories; "
            f"images {report.images_created} created, {report.images_reused} reused."
        )
        self.stdout.write(f"Skipped {len(report.skipped)} files:")
        for source, reason in report.skipped:
            self.stdout.write(f"  {source}: {reason}")
        if report.warnings:
            self.stdout.write(f"Warnings ({len(report.warnings)}):")
            for source, reason in report.warnings:
                self.stdout.write(f"  {source}: {reason}")
