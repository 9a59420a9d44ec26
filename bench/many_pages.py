"""Thousands of extra live pages for the benchmarks, written in bulk.

`Page.add_child` costs several queries and signals per page (minutes for 5,000 on a
loaded machine), so sections are added through treebeard and their children are
written as rows with the paths, depth, numchild and url_path treebeard would give
them: a valid tree without `fixtree`. No signal runs, so nothing is queued; the new
pages are indexed for search in bulk at the end. The text reuses bench_search's
generator: each page is about one subject, so a query meets a few percent of them.
"""

from __future__ import annotations

import random
import sys
import uuid

from bench.bench_search import SUBJECTS, _text, _vocabulary

SECTIONS = 50
SECTION_SLUG = "guides-{}"
PAGE_SLUG = "page-{}-{}"


def add_pages(count: int, *, sections: int = SECTIONS, seed: int = 20240601) -> dict:
    """`count` live StandardPages under `sections` new sections of the default site's
    home page, indexed for search. Returns what was made (ids, a sample URL)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from wagtail.models import Page, Site
    from wagtail.search.backends import get_search_backend

    from lumen_cms.models import StandardPage

    rng = random.Random(seed)  # noqa: S311 - reproducible content
    vocab = _vocabulary(rng)
    home = Site.objects.get(is_default_site=True).root_page
    content_type = ContentType.objects.get_for_model(StandardPage)
    now = timezone.now()
    per_section = -(-count // sections)
    made: list[int] = []
    children = 0
    with transaction.atomic():
        for s in range(sections):
            section = home.add_child(
                instance=StandardPage(
                    title=f"{rng.choice(rng.choice(SUBJECTS)).title()} guides {s}",
                    slug=SECTION_SLUG.format(s),
                    first_published_at=now,
                    last_published_at=now,
                )
            )
            made.append(section.pk)
            todo = min(per_section, count - children)
            if todo <= 0:
                continue
            children += todo
            pages = [
                _page(rng, vocab, section, s, n, content_type, now) for n in range(todo)
            ]
            rows = Page.objects.bulk_create(
                [
                    Page(
                        **{
                            f.attname: getattr(page, f.attname)
                            for f in Page._meta.concrete_fields
                            if not f.primary_key
                        }
                    )
                    for page in pages
                ]
            )
            for page, row in zip(pages, rows, strict=True):
                page.page_ptr_id = page.id = row.pk
            fields = StandardPage._meta.local_concrete_fields
            StandardPage._base_manager._insert(pages, fields=fields)
            Page.objects.filter(pk=section.pk).update(numchild=todo)
            made.extend(row.pk for row in rows)
    backend = get_search_backend()
    for start in range(0, len(made), 500):
        batch = StandardPage.objects.filter(pk__in=made[start : start + 500])
        backend.add_bulk(StandardPage, list(batch))
    return {
        "pages": children,
        "sections": len(made) - children,
        "sample_url": f"/{SECTION_SLUG.format(0)}/{PAGE_SLUG.format(0, 0)}/",
    }


def _page(rng, vocab, section, s: int, n: int, content_type, now):
    from wagtail.models import Page

    from lumen_cms.models import StandardPage

    subject = rng.choice(SUBJECTS)
    topics = [*subject, *rng.choice(SUBJECTS)[:1]]
    title = " ".join([*rng.sample(subject, 2), rng.choice(vocab)]).title()
    title = f"{title} {s}-{n}"
    slug = PAGE_SLUG.format(s, n)
    paragraphs = "".join(
        f"<p>{_text(rng, topics, vocab, rng.randint(15, 40))}</p>" for _ in range(6)
    )
    return StandardPage(
        title=title,
        draft_title=title,
        slug=slug,
        path=Page._get_path(section.path, section.depth + 1, n + 1),
        depth=section.depth + 1,
        numchild=0,
        url_path=f"{section.url_path}{slug}/",
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        content_type=content_type,
        locale_id=section.locale_id,
        translation_key=uuid.uuid4(),
        intro=_text(rng, topics, vocab, 20),
        body=[("paragraph", paragraphs)],
    )


if __name__ == "__main__":
    import json

    import django

    django.setup()
    sys.stdout.write(json.dumps(add_pages(int(sys.argv[1]))) + "\n")
