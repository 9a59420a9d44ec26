"""Write parsed ctl.io documents as ArticlePages under an index; idempotent and fast."""

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Collection, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.signal_handlers import disable_reference_index_auto_update

from modelsearch.signal_handlers import post_save_signal_handler
from PIL import Image as PILImage

from resources.ctl_docs.parsing import (
    MalformedDocument,
    ParsedDocument,
    parse_document,
    parse_header,
)
from resources.models import ArticleCategory, ArticleIndexPage, ArticlePage

COLLECTION_NAME = "Developer documentation"
IMPORTER_VERSION = "1"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    images_created: int = 0
    images_reused: int = 0
    categories: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


def read_category_order(root: Path) -> list[str]:
    index = root / "index.md"
    if not index.is_file():
        return []
    try:
        header, _ = parse_header(index.read_text(encoding="utf-8"), require_title=False)
    except (MalformedDocument, UnicodeDecodeError):
        return []
    order = header.get("category_order")
    return [str(name) for name in order] if isinstance(order, list) else []


def discover(root: Path) -> list[Path]:
    """Every Markdown/HTML document except the folder's index.md configuration."""
    files = [
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in {".md", ".markdown"}
        and p.relative_to(root).as_posix() != "index.md"
    ]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def category_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).parts
    return parts[0] if len(parts) > 1 else ""


def plan_slugs(root: Path, files: list[Path]) -> dict[str, str]:
    """Stable slugs: the file name, prefixed with its category when names collide."""
    stems: dict[str, int] = {}
    for path in files:
        stem = slugify(path.stem) or "article"
        stems[stem] = stems.get(stem, 0) + 1
    slugs: dict[str, str] = {}
    for path in files:
        stem = slugify(path.stem) or "article"
        if stems[stem] > 1:
            stem = f"{slugify(category_name(root, path))}-{stem}".strip("-")
        slugs[path.relative_to(root).as_posix()] = stem[:255]
    return slugs


def ensure_categories(
    index: ArticleIndexPage, names: Iterable[str], order: list[str]
) -> dict[str, ArticleCategory]:
    ranked = sorted(
        set(names) - {""},
        key=lambda n: (order.index(n) if n in order else len(order), n.lower()),
    )
    existing = {c.slug: c for c in ArticleCategory.objects.filter(page=index)}
    result = {}
    for position, name in enumerate(ranked):
        slug = slugify(name)[:120]
        category = existing.get(slug) or ArticleCategory(page=index, slug=slug)
        if category.pk is None or (category.name, category.sort_order) != (
            name,
            position,
        ):
            category.name, category.sort_order = name, position
            category.save()
        result[name] = category
    return result


@contextmanager
def search_updates_paused(*models: type) -> Iterator[None]:
    """Skip per-save search indexing (three tasks per page); index once at the end."""
    paused = [m for m in models if post_save.disconnect(post_save_signal_handler, m)]
    try:
        yield
    finally:
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)


def ensure_images(paths: set[Path], report: ImportReport) -> dict[Path, int]:
    """One Image per distinct file content; new ones are created in one bulk insert."""
    image_model = get_image_model()
    hashes = {path: hashlib.sha1(path.read_bytes()).hexdigest() for path in paths}  # noqa: S324
    existing = dict(
        image_model.objects.filter(file_hash__in=set(hashes.values())).values_list(
            "file_hash", "pk"
        )
    )
    collection = _collection()
    new = []
    for path in sorted(paths):
        if hashes[path] in existing or any(
            img.file_hash == hashes[path] for img in new
        ):
            continue
        with path.open("rb") as handle:
            try:
                width, height = PILImage.open(handle).size
            except OSError:
                report.warnings.append((path.name, "unreadable image"))
                continue
            handle.seek(0)
            image = image_model(
                title=path.stem.replace("-", " ").replace("_", " ")[:255],
                collection=collection,
                width=width,
                height=height,
                file_size=path.stat().st_size,
                file_hash=hashes[path],
            )
            image.file.save(path.name, File(handle), save=False)
        new.append(image)
    image_model.objects.bulk_create(new, batch_size=200)
    if new:
        get_search_backend().add_bulk(
            image_model,
            image_model.objects.filter(file_hash__in=[i.file_hash for i in new]),
        )
    report.images_created += len(new)
    report.images_reused += len(paths) - len(new)
    existing.update(
        image_model.objects.filter(file_hash__in=set(hashes.values())).values_list(
            "file_hash", "pk"
        )
    )
    return {path: existing[h] for path, h in hashes.items() if h in existing}


def _collection() -> Collection:
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=COLLECTION_NAME).first()
    return found or root.add_child(name=COLLECTION_NAME)


def _body_data(doc: ParsedDocument, image_ids: dict[Path, int]) -> list[dict]:
    body = []
    for block in doc.blocks:
        if block["type"] == "image":
            image_id = image_ids.get(Path(block["value"]["image"]))
            if image_id is None:
                continue
            block = {"type": "image", "value": {**block["value"], "image": image_id}}
        body.append(block)
    return body


def import_folder(
    root: Path,
    *,
    index: ArticleIndexPage,
    progress: Callable[[list, str], Iterable] = lambda items, desc: items,
) -> ImportReport:
    """Import every document under `root` into `index`; one bad file never stops it."""
    started = time.perf_counter()
    report = ImportReport()
    root = root.resolve()
    files = discover(root)
    slugs = plan_slugs(root, files)
    base_url = index.get_url() or index.url_path
    link_map = {source: f"{base_url}{slug}/" for source, slug in slugs.items()}

    parsed: list[ParsedDocument] = []
    for path in progress(files, "Parsing"):
        try:
            doc = parse_document(path, root=root, link_map=link_map)
        except MalformedDocument as exc:
            report.skipped.append((path.relative_to(root).as_posix(), str(exc)))
            continue
        except Exception as exc:
            report.skipped.append(
                (path.relative_to(root).as_posix(), f"unreadable: {exc}")
            )
            continue
        report.warnings.extend(
            (doc.source, f"missing image {src}") for src in doc.missing_images
        )
        parsed.append(doc)

    with (
        transaction.atomic(),
        search_updates_paused(ArticlePage),
        disable_reference_index_auto_update(),
    ):
        categories = ensure_categories(
            index,
            (category_name(root, root / d.source) for d in parsed),
            read_category_order(root),
        )
        report.categories = len(categories)
        image_ids = ensure_images(
            set().union(*(d.images for d in parsed)) if parsed else set(), report
        )
        existing = {
            page.source_path: page
            for page in ArticlePage.objects.child_of(index).exclude(source_path="")
        }
        written = []
        for doc in progress(parsed, "Writing"):
            page = _write_page(
                doc,
                index=index,
                existing=existing.get(doc.source),
                slug=slugs[doc.source],
                category=categories.get(category_name(root, root / doc.source)),
                image_ids=image_ids,
                report=report,
            )
            if page is not None:
                written.append(page)
        for page in written:
            ReferenceIndex.create_or_update_for_object(page)
    if written:
        get_search_backend().add_bulk(ArticlePage, written)
    report.seconds = time.perf_counter() - started
    return report


def _write_page(
    doc: ParsedDocument,
    *,
    index: ArticleIndexPage,
    existing: ArticlePage | None,
    slug: str,
    category: ArticleCategory | None,
    image_ids: dict[Path, int],
    report: ImportReport,
) -> ArticlePage | None:
    body = _body_data(doc, image_ids)
    fields = {
        "title": doc.title,
        "date": doc.date,
        "author": doc.author,
        "summary": doc.summary,
        "category_id": category.pk if category else None,
        "thumbnail_id": image_ids.get(doc.thumbnail) if doc.thumbnail else None,
        "related_products": doc.related_products,
    }
    digest = hashlib.sha256(
        json.dumps(
            [IMPORTER_VERSION, {**fields, "date": str(doc.date)}, body], sort_keys=True
        ).encode()
    ).hexdigest()
    if existing is not None and existing.source_hash == digest and existing.live:
        report.unchanged += 1
        return None
    page = existing or ArticlePage(slug=_free_slug(index, slug), source_path=doc.source)
    for name, value in fields.items():
        setattr(page, name, value)
    page.body = body
    page.source_hash = digest
    page.tags.set(doc.related_products)
    if existing is None:
        page.live = False
        index.add_child(instance=page)
        report.created += 1
    else:
        report.updated += 1
    page.save_revision(clean=False).publish(skip_permission_checks=True)
    return page


def _free_slug(index: ArticleIndexPage, slug: str) -> str:
    """Avoid clashing with an editor's page that already uses the planned slug."""
    taken = set(
        index.get_children()
        .filter(slug__startswith=slug)
        .values_list("slug", flat=True)
    )
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate
