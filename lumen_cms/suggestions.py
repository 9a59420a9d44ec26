"""'Did you mean' pages for the not-found page: live pages whose slug or title best
match the words of the requested path."""

import re
from urllib.parse import unquote

from wagtail.models import Site

MAX_PATH_LENGTH = 200
MAX_CANDIDATES = 2000
MIN_SCORE = 0.55


def path_words(path: str) -> list[str]:
    """Lower-case words of a URL path, bounded so hostile paths stay cheap."""
    text = unquote(path[: MAX_PATH_LENGTH * 3])[:MAX_PATH_LENGTH].lower()
    return re.findall(r"[a-z0-9]+", text)[:12]


def suggest_pages(*, site: Site | None, path: str, limit: int = 3) -> list[dict]:
    """Up to `limit` {title, url} of the site's live public pages closest to `path`,
    from the route index's precomputed suggestions (no scan of the pages)."""
    from lumen_cms import route_index  # it builds the suggestion indexes

    generation = route_index.current_generation()
    if site is None or generation is None:
        return []  # no site, or the cache is out
    index = route_index.for_generation(generation)
    suggestions = index.suggestions.get(site.pk)
    return suggestions.suggest(path, limit) if suggestions is not None else []


class SuggestionIndex:
    """Placeholder: pages of one site as (title, slug, relative URL)."""

    def __init__(self, rows):
        self.rows = rows

    @classmethod
    def build(cls, rows):
        return cls(list(rows))

    def suggest(self, path: str, limit: int = 3) -> list[dict]:
        return []
