"""'Did you mean' pages for the not-found page: live pages whose slug or title best
match the words of the requested path."""

import re
from difflib import SequenceMatcher
from urllib.parse import unquote

from wagtail.models import Page, Site

MAX_PATH_LENGTH = 200
MAX_CANDIDATES = 2000
MIN_SCORE = 0.55


def path_words(path: str) -> list[str]:
    """Lower-case words of a URL path, bounded so hostile paths stay cheap."""
    text = unquote(path[: MAX_PATH_LENGTH * 3])[:MAX_PATH_LENGTH].lower()
    return re.findall(r"[a-z0-9]+", text)[:12]


def suggest_pages(*, site: Site | None, path: str, limit: int = 3) -> list[dict]:
    """Up to `limit` {title, url} of the site's live pages closest to `path`."""
    words = path_words(path)
    if site is None or not words:
        return []
    wanted_path = "-".join(words)
    wanted_last = words[-1]
    wanted_text = " ".join(words)
    # Site.find_for_request already loaded the root page (select_related).
    root = site.root_page
    candidates = (
        Page.objects.live()
        .filter(path__startswith=root.path)
        .exclude(pk=root.pk)
        .values("title", "slug", "url_path")[:MAX_CANDIDATES]
    )
    scored = []
    for row in candidates:
        slug = row["slug"]
        relative = row["url_path"][len(root.url_path) :]
        score = max(
            SequenceMatcher(
                None, wanted_path, relative.strip("/").replace("/", "-")
            ).ratio(),
            SequenceMatcher(None, wanted_last, slug).ratio(),
            SequenceMatcher(None, wanted_text, row["title"].lower()).ratio(),
        )
        if set(words) & set(slug.split("-")):
            score += 0.1
        if score >= MIN_SCORE:
            scored.append((score, row["title"], "/" + relative))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [{"title": title, "url": url} for _, title, url in scored[:limit]]
