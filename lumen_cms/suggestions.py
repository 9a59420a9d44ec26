"""'Did you mean' pages for the not-found page: live public pages whose path or title
best match the words of the requested path.

A 404 must not cost more as the site grows (anyone can request any number of them), so
the pages are not scanned: a `SuggestionIndex`, built with the route index once per
route generation (lumen_cms/route_index.py), maps
words (and their character trigrams, for typos) to pages. A request reads a bounded
handful of pages from it and ranks only those with difflib, as the scan used to rank
every page.
"""

from __future__ import annotations

import heapq
import math
import pickle
import re
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from difflib import SequenceMatcher
from operator import itemgetter
from urllib.parse import unquote

from wagtail.models import Site

MAX_PATH_LENGTH = 200
MAX_PATH_WORDS = 12
MIN_SCORE = 0.55
# Bounds of one request's work, whatever the site's size or the path.
MAX_SCORED = 8  # pages ranked with difflib
MAX_RATIOS = 20  # difflib ratios computed (a crafted path of long words costs most)
SEEDS = 32  # pages scored on all path words when common words were cut short
READ_BUDGET = 2500  # page numbers read from postings
MAX_WORD_LENGTH = 24  # longer words are matched on their start
MAX_TOKENS_PER_WORD = 6  # indexed words one path word may stand for
PREFIX_MATCHES = 8  # indexed words one path word may be the start of
FUZZY_BUDGET = 2400  # trigram postings read per request
MIN_DICE = 0.5  # trigram similarity for a typo to count
MAX_EDIT_LENGTH = 16  # words up to this long are checked for every one-letter typo
# Bounds of the index: a word keeps its shallowest pages (no request reads more), a
# trigram its commonest words.
POSTING_CAP = READ_BUDGET
TRIGRAM_CAP = 48
MAX_INDEXED_PAGES = 20_000  # page numbers fit 16 bits
FORMAT = 1  # bump when the pickled layout changes
_WORD = re.compile(r"[a-z0-9]+")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def _fold(text: str) -> str:
    """Lower case without accents, so /uber-uns/ finds 'Über uns' (and /strasse/
    'Straße')."""
    text = text.casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def path_words(path: str) -> list[str]:
    """Lower-case words of a URL path, bounded so hostile paths stay cheap."""
    text = _fold(unquote(path[: MAX_PATH_LENGTH * 3])[:MAX_PATH_LENGTH])
    return _WORD.findall(text)[:MAX_PATH_WORDS]


def _trigrams(word: str) -> set[str]:
    """Padded character trigrams: a typo leaves most of them intact."""
    padded = f" {word[:MAX_WORD_LENGTH]} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _edits(word: str) -> set[str]:
    """Every word one typo away (Norvig's edits1): a letter missing, extra, swapped
    with its neighbour or wrong. Up to 73 x len + 37 strings: words past
    MAX_EDIT_LENGTH are left to their trigrams."""
    if len(word) > MAX_EDIT_LENGTH:
        return set()
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + c + b for a, b in splits for c in _ALPHABET}
    found.update(a + c + b[1:] for a, b in splits if b for c in _ALPHABET)
    found.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    if len(word) >= 4:
        found.update(a + b[1:] for a, b in splits if b)
    found.discard(word)
    return found


def _flatten(lists: list[list[int]], cap: int, code: str) -> tuple[array, array]:
    """Lists of ids as one array plus offsets: compact when pickled."""
    offsets, flat = array("I", [0]), array(code)
    for ids in lists:
        flat.extend(ids[:cap])
        offsets.append(len(flat))
    return offsets, flat


def _common_length(text: str, masks: dict[str, int], full: int) -> int:
    """Length of the longest common subsequence of `text` and the string `masks`
    describes (bit-parallel, Hyyrö 2004): an upper bound of the characters difflib
    can match, at a tenth of the cost of its ratio()."""
    row = full
    for char in text:
        match = row & masks.get(char, 0)
        row = ((row + match) | (row - match)) & full
    return full.bit_length() - row.bit_count()


class _Ranker:
    """The scan's score (best difflib ratio of the whole path, the last word against
    the slug, all words against the title; a bonus for a shared slug word), with the
    request's side of each comparison prepared once."""

    def __init__(self, words: list[str]) -> None:
        self.words = set(words)
        self.scored = self.ratios = 0
        self.wanted = []
        for wanted in ("-".join(words), words[-1], " ".join(words)):
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(wanted)
            masks: dict[str, int] = {}
            for position, char in enumerate(wanted):
                masks[char] = masks.get(char, 0) | (1 << position)
            self.wanted.append((matcher, masks, (1 << len(wanted)) - 1, len(wanted)))

    def score(self, title: str, url: str, floor: float = 0.0) -> float:
        """The page's score, or less than `floor` when it cannot reach it: a ratio
        is computed only when its upper bound may raise the best so far."""
        self.scored += 1
        relative = url.strip("/")
        slug = relative.rpartition("/")[2]
        bonus = 0.1 if self.words.intersection(_WORD.findall(_fold(slug))) else 0.0
        # Reach the floor (a tie there may still win on its title) or beat the best.
        best = max(floor - bonus, 0.0) - 1e-9
        texts = (relative.replace("/", "-"), slug, title.lower())
        bounded = []
        for (matcher, masks, full, length), text in zip(
            self.wanted, texts, strict=True
        ):
            total = len(text) + length
            if 2.0 * min(len(text), length) / total > best:
                bound = 2.0 * _common_length(text, masks, full) / total
                if bound > best:
                    bounded.append((bound, text, matcher))
        for bound, text, matcher in sorted(bounded, key=itemgetter(0), reverse=True):
            if bound <= best or self.ratios >= MAX_RATIOS:
                break
            self.ratios += 1
            matcher.set_seq1(text)
            best = max(best, matcher.ratio())
        return best + bonus


def _restore(version: int, blob: bytes) -> SuggestionIndex:
    """Unpickle (see SuggestionIndex.__reduce__). Another release's layout gives an
    empty index; the route index's cache key carries FORMAT, so none is read."""
    index = SuggestionIndex.__new__(SuggestionIndex)
    if version == FORMAT:
        index._load(pickle.loads(zlib.decompress(blob)))  # noqa: S301 - our own data
    else:
        index._load(_empty_state())
    return index


def _empty_state() -> tuple:
    return ([], [], [], array("I", [0]), array("H"), array("I"), [],
            array("I", [0]), array("I"))  # fmt: skip


class SuggestionIndex:
    """Pages of one site by the words of their title and path, and words by their
    trigrams. Plain data, pickled small (zlib) for the shared cache."""

    def __init__(self) -> None:
        self._load(_empty_state())

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, str]]) -> SuggestionIndex:
        """Index (title, slug, site-relative URL) rows, shallowest pages first (a
        capped posting keeps the first pages it met). The slug is the URL's last part
        and is read from there."""
        titles: list[str] = []
        urls: list[str] = []
        pages_of: dict[str, list[int]] = {}
        for number, (title, _slug, url) in enumerate(rows):
            titles.append(title)
            urls.append(url)
            for word in set(_WORD.findall(_fold(f"{title} {url}"))):
                pages_of.setdefault(word, []).append(number)
        vocab = sorted(pages_of)
        df = array("I", (len(pages_of[word]) for word in vocab))
        page_offsets, page_ids = _flatten(
            [pages_of[w] for w in vocab], POSTING_CAP, "H"
        )
        words_of: dict[str, list[int]] = {}
        for token, word in enumerate(vocab):
            for gram in _trigrams(word):
                words_of.setdefault(gram, []).append(token)
        grams = sorted(words_of)
        # A common trigram keeps its most common words: the likelier targets.
        gram_offsets, gram_words = _flatten(
            [sorted(words_of[g], key=lambda t: -df[t]) for g in grams],
            TRIGRAM_CAP,
            "I",
        )
        index = cls.__new__(cls)
        index._load((titles, urls, vocab, page_offsets, page_ids, df, grams,
                     gram_offsets, gram_words))  # fmt: skip
        return index

    def _load(self, state: tuple) -> None:
        (self.titles, self.urls, self.vocab, self.page_offsets, self.page_ids,
         self.df, self.grams, self.gram_offsets, self.gram_words) = state  # fmt: skip
        self._state = state
        # Derived lookups, rebuilt per process rather than pickled.
        self.token_of = {word: token for token, word in enumerate(self.vocab)}
        self.gram_of = {gram: number for number, gram in enumerate(self.grams)}
        pages = max(len(self.titles), 1)
        self.idf = [math.log(1 + pages / count) for count in self.df]

    def __reduce__(self) -> tuple:
        blob = zlib.compress(pickle.dumps(self._state, protocol=5), 6)
        return (_restore, (FORMAT, blob))

    def __len__(self) -> int:
        return len(self.titles)

    def _typos(self, word: str, budget: int) -> dict[int, float]:
        """Indexed words sharing most trigrams with `word`, reading at most `budget`
        trigram postings (rarest trigrams first: they tell most)."""
        grams = _trigrams(word)
        postings = []
        for gram in grams:
            number = self.gram_of.get(gram)
            if number is not None:
                start, end = self.gram_offsets[number], self.gram_offsets[number + 1]
                postings.append((end - start, start, end))
        shared: dict[int, int] = {}
        for size, start, end in sorted(postings):
            budget -= size
            if budget < 0:
                break
            for token in self.gram_words[start:end]:
                shared[token] = shared.get(token, 0) + 1
        found = {}
        for token, count in shared.items():
            size = len(grams) + min(len(self.vocab[token]), MAX_WORD_LENGTH) + 2
            if 2 * count / size >= MIN_DICE:  # Dice coefficient
                found[token] = 2 * count / size
        return found

    def _tokens(self, word: str, budget: int) -> dict[int, float]:
        """Indexed words a path word may stand for, with their weight: its rarity
        (inverse document frequency), scaled down for a prefix or a typo."""
        word = word[: MAX_WORD_LENGTH * 2]
        found: dict[int, float] = {}
        token = self.token_of.get(word)
        if token is not None:
            found[token] = 1.0
        if len(word) >= 3:  # cut short: /managed-serv/
            start = bisect_left(self.vocab, word)
            for other in range(start, min(start + PREFIX_MATCHES, len(self.vocab))):
                candidate = self.vocab[other]
                if not candidate.startswith(word):
                    break
                if other != token:
                    found[other] = 0.5 + 0.4 * len(word) / len(candidate)
        if token is None:  # a typo
            for edit in self.token_of.keys() & _edits(word):
                other = self.token_of[edit]
                found[other] = max(found.get(other, 0.0), 0.8)
            for other, dice in self._typos(word, budget).items():
                found[other] = max(found.get(other, 0.0), dice)
        if not found:
            return {}
        # Likeliest first, then commonest; the word is as rare as its likeliest match
        # (a rare longer word must not outweigh the word itself).
        best = heapq.nsmallest(
            MAX_TOKENS_PER_WORD, found, key=lambda t: (-found[t], -self.df[t], t)
        )
        rarity = self.idf[best[0]]
        return {other: found[other] * rarity for other in best}

    def candidates(self, words: list[str]) -> list[int]:
        """At most MAX_SCORED pages sharing most (rare) words with the path.

        Postings are read rarest first, READ_BUDGET page numbers in all. When that
        cut a common word short (read for its shallowest pages only), the best SEEDS
        pages are scored again on every path word, from their own title and URL."""
        unique = list(dict.fromkeys(words[:MAX_PATH_WORDS]))
        if not unique:
            return []
        budget = max(200, FUZZY_BUDGET // len(unique))
        wanted = [self._tokens(word, budget) for word in unique]
        offsets = self.page_offsets
        reads: list[list[tuple[float, int, int]]] = [[] for _ in unique]
        left, complete = READ_BUDGET, True
        for size, token, n in sorted(
            (offsets[t + 1] - offsets[t], t, n)
            for n, tokens in enumerate(wanted)
            for t in tokens
        ):
            count = min(size, left)
            if count:
                reads[n].append((wanted[n][token], offsets[token], count))
            left -= count
            complete = complete and count == size
        totals: dict[int, float] = {}
        for word_reads in reads:
            seen: dict[int, float] = {}
            for weight, start, count in sorted(word_reads, reverse=True):
                # Heaviest match first: a page keeps the best weight it met.
                fresh = dict.fromkeys(self.page_ids[start : start + count], weight)
                fresh.update(seen)
                seen = fresh
            if not totals:
                totals = seen
                continue
            for page, weight in seen.items():
                totals[page] = totals.get(page, 0.0) + weight
        if complete:  # every posting read in full
            return self._best(totals, MAX_SCORED)
        by_word = [
            [(self.vocab[t], weight) for t, weight in tokens.items()]
            for tokens in wanted
        ]
        full = {}
        for page in self._best(totals, SEEDS):
            present = set(
                _WORD.findall(_fold(f"{self.titles[page]} {self.urls[page]}"))
            )
            full[page] = sum(
                max((w for token, w in tokens if token in present), default=0.0)
                for tokens in by_word
            )
        return self._best(full, MAX_SCORED)

    @staticmethod
    def _best(scores: dict[int, float], count: int) -> list[int]:
        """The `count` best pages; on a tie the shallower (lower number)."""
        if len(scores) > count:
            least = sorted(scores.values(), reverse=True)[count - 1]
            scores = {page: score for page, score in scores.items() if score >= least}
        return sorted(scores, key=lambda page: (-scores[page], page))[:count]

    def suggest(self, path: str, limit: int = 3) -> list[dict]:
        """Up to `limit` {title, url} closest to `path`, best first."""
        words = path_words(path)
        if not words or not self.titles or limit <= 0:
            return []
        ranker = _Ranker(words)
        scored: list[tuple[float, str, str]] = []
        floor = MIN_SCORE
        for page in self.candidates(words):
            title, url = self.titles[page], self.urls[page]
            score = ranker.score(title, url, floor)
            if score >= floor:
                scored.append((score, title, url))
                scored.sort(key=lambda item: (-item[0], item[1]))
                del scored[limit:]
                if len(scored) == limit:
                    floor = scored[-1][0]
        return [{"title": title, "url": url} for _, title, url in scored]


def site_index(site: Site) -> SuggestionIndex | None:
    """The site's index, built with the route index from its live, public pages (no
    page at or under a view-restricted page; the root excluded): None while the
    cache is out."""
    from lumen_cms import route_index  # it builds the suggestion indexes

    generation = route_index.current_generation()
    if generation is None:
        return None
    return route_index.for_generation(generation).suggestions.get(site.pk)


def suggest_pages(*, site: Site | None, path: str, limit: int = 3) -> list[dict]:
    """Up to `limit` {title, url} of the site's live public pages closest to `path`."""
    if site is None or not path_words(path):
        return []
    index = site_index(site)
    return index.suggest(path, limit=limit) if index is not None else []
