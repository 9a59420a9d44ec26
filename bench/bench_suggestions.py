"""404 suggestions: the precomputed index against the scan it replaced, on generated
sites of 500 to 20,000 pages (some seeded pages plus sections of pages named from a
mixed vocabulary). In-process, no database: the index build, its pickled size, the
time to load it from the cache, and the time to answer realistic mistyped paths, random
paths and hostile ones. Quality: how often the page a mistyped path came from is among
the three suggestions, index vs scan. `make bench BENCH=suggestions` (or
`python bench/run.py suggestions`).
"""

from __future__ import annotations

import os
import pickle
import random
import string
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from functools import partial

from bench.harness import percentile

SIZES = (500, 2000, 5000, 20_000)
MAX_SCAN_SIZE = 5000
PATHS = int(os.environ.get("BENCH_SUGGEST_PATHS", "1000"))
SCAN_PATHS = int(os.environ.get("BENCH_SUGGEST_SCAN_PATHS", "100"))
SEEDED = {
    "Managed Services": ["Active Directory", "Apache", "Apache Tomcat", "Microsoft IIS",
                         "Microsoft SQL", "MySQL", "Operating Systems"],
    "Application Services": ["Relational DB MySQL-Compatible", "Security"],
    "Knowledge Base": ["Reset a server's administrator password"],
    "Getting Started": ["Deploy your first server"],
}  # fmt: skip
COMMON = (  # noqa: SIM905 - a vocabulary reads better as prose
    "managed cloud server servers hosting backup restore database databases mysql "
    "postgres postgresql sql microsoft windows linux ubuntu debian apache nginx tomcat "
    "iis active directory security firewall network networking storage block object "
    "archive compliance gdpr hipaa pci billing pricing invoice account accounts user "
    "users password reset login api key keys token tokens guide guides getting started "
    "deploy first install configure configuration update upgrade migrate migration "
    "monitoring alerts logs logging metrics performance tuning scaling load balancer "
    "dns domain domains email mail ssl tls certificate certificates vpn private public "
    "dedicated virtual machine machines kubernetes container containers docker "
    "application applications lifecycle management support contact status blog news "
    "release releases notes developer developers center knowledge base faq how to "
    "with your the and for in on of a an overview introduction advanced best practices"
).split()


def _name(rng: random.Random) -> str:
    syllables = [
        "ka",
        "lo",
        "mi",
        "ra",
        "te",
        "zu",
        "no",
        "vi",
        "sa",
        "de",
        "pho",
        "tri",
    ]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def _slugify(title: str) -> str:
    return "-".join(
        w for w in "".join(c if c.isalnum() else " " for c in title.lower()).split()
    )


def site_rows(size: int, seed: int = 15) -> list[tuple[str, str, str]]:
    """(title, slug, url) rows: a tree of sections, subsections and pages."""
    rng = random.Random(seed)  # noqa: S311 - reproducible content
    rows: list[tuple[str, str, str]] = []
    used: set[str] = set()

    def add(title: str, parent: str) -> str:
        slug = _slugify(title)[:50].strip("-") or "page"
        url = f"{parent}{slug}/"
        while url in used:
            slug = f"{slug}-{rng.randint(2, 99)}"
            url = f"{parent}{slug}/"
        used.add(url)
        rows.append((title, slug, url))
        return url

    def title(words: int) -> str:
        parts = [
            _name(rng).capitalize() if rng.random() < 0.25 else rng.choice(COMMON)
            for _ in range(words)
        ]
        return " ".join(parts).capitalize()

    for section, titles in SEEDED.items():
        parent = add(section, "/")
        for name in titles:
            add(name, parent)
    sections = [add(title(rng.randint(1, 3)), "/") for _ in range(25)]
    subsections = [
        add(title(rng.randint(1, 3)), rng.choice(sections)) for _ in range(150)
    ]
    parents = sections + subsections
    while len(rows) < size:
        add(title(rng.randint(2, 7)), rng.choice(parents))
    return rows[:size]


def _mistype(url: str, rng: random.Random) -> str:
    parts = [p for p in url.strip("/").split("/") if p]
    words = parts[-1].split("-")
    i = rng.randrange(len(words))
    word = words[i]
    kind = rng.choice(
        ["delete", "insert", "substitute", "swap", "cut", "order", "drop"]
    )
    if kind == "delete" and len(word) > 3:
        j = rng.randrange(len(word))
        word = word[:j] + word[j + 1 :]
    elif kind == "insert":
        j = rng.randrange(len(word) + 1)
        word = word[:j] + rng.choice(string.ascii_lowercase) + word[j:]
    elif kind == "substitute":
        j = rng.randrange(len(word))
        word = word[:j] + rng.choice(string.ascii_lowercase) + word[j + 1 :]
    elif kind == "swap" and len(word) > 2:
        j = rng.randrange(len(word) - 1)
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    elif kind == "cut" and len(word) > 4:
        word = word[: rng.randint(3, len(word) - 1)]
    elif kind == "order" and len(words) > 1:
        rng.shuffle(words)
    elif kind == "drop" and len(parts) > 1:
        parts.pop(rng.randrange(len(parts) - 1))
    words[i] = word
    parts[-1] = "-".join(words)
    return "/" + "/".join(parts) + "/"


def _random_path(rng: random.Random) -> str:
    alphabet = string.ascii_lowercase + string.digits + "-/_."
    return "/" + "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 60)))


HOSTILE = [
    "/" + "a-" * 5000,
    "/" + "x" * 10_000,
    "/"
    + "/".join(
        "".join(random.Random(n).choices(string.ascii_lowercase, k=24))  # noqa: S311
        for n in range(400)
    ),
    "/" + "%E2%82%AC%C3%BC" * 800,
    "/" + "über-straße-ünïcødé-" * 100,
    "/" + "%25" * 3000,
    "/" + "-".join(COMMON[:200]),
    "/" + "-".join("e" * 23 for _ in range(400)),
]


def scan(rows: list[tuple[str, str, str]], path: str, limit: int = 3) -> list[dict]:
    """The previous suggest_pages: difflib against every page."""
    from lumen_cms.suggestions import MIN_SCORE, path_words

    words = path_words(path)
    if not words:
        return []
    wanted_path, wanted_last, wanted_text = "-".join(words), words[-1], " ".join(words)
    scored = []
    for title, slug, url in rows:
        relative = url[1:]
        score = max(
            SequenceMatcher(
                None, wanted_path, relative.strip("/").replace("/", "-")
            ).ratio(),
            SequenceMatcher(None, wanted_last, slug).ratio(),
            SequenceMatcher(None, wanted_text, title.lower()).ratio(),
        )
        if set(words) & set(slug.split("-")):
            score += 0.1
        if score >= MIN_SCORE:
            scored.append((score, title, url))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [{"title": t, "url": u} for _, t, u in scored[:limit]]


def _times(fn: Callable[[str], object], paths: list[str]) -> list[float]:
    """CPU milliseconds per call (this thread's: the shared machine's load is not
    counted)."""
    out = []
    for path in paths:
        started = time.thread_time()
        fn(path)
        out.append((time.thread_time() - started) * 1000)
    return out


def _fmt(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 50):6.3f} / p99 {percentile(values, 99):6.3f} / "
        f"max {max(values):6.3f} ms"
    )


def _size_report(size: int) -> list[str]:
    from lumen_cms.suggestions import SuggestionIndex

    rows = site_rows(size)
    rng = random.Random(size)  # noqa: S311 - a reproducible sample, not a secret
    started = time.perf_counter()
    index = SuggestionIndex.build(rows)
    build_ms = (time.perf_counter() - started) * 1000
    blob = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    started = time.perf_counter()
    index = pickle.loads(blob)  # noqa: S301 - our own data
    load_ms = (time.perf_counter() - started) * 1000
    targets = [rng.choice(rows) for _ in range(PATHS)]
    mistyped = [_mistype(url, rng) for _, _, url in targets]
    random_paths = [_random_path(rng) for _ in range(PATHS)]
    for path in mistyped[:50]:  # warm up
        index.suggest(path)
    lines = [
        f"{size:>6} pages: build {build_ms:6.1f} ms, pickled {len(blob) / 1024:6.1f} "
        f"KiB, unpickled in {load_ms:5.1f} ms, {len(index.vocab)} words",
        f"  index, {PATHS} mistyped: {_fmt(_times(index.suggest, mistyped))}",
        f"  index, {PATHS} random:   {_fmt(_times(index.suggest, random_paths))}",
        f"  index, {len(HOSTILE)} hostile:    {_fmt(_times(index.suggest, HOSTILE))}",
    ]
    if size > MAX_SCAN_SIZE:
        return lines
    sample = list(range(min(SCAN_PATHS, PATHS)))
    scan_times = _times(partial(scan, rows), [mistyped[i] for i in sample])
    lines.append(f"  scan,  {len(sample)} mistyped:  {_fmt(scan_times)}")
    hits = {"index": 0, "scan": 0}
    agree = 0
    for i in sample:
        wanted = targets[i][2]
        new = [s["url"] for s in index.suggest(mistyped[i])]
        old = [s["url"] for s in scan(rows, mistyped[i])]
        hits["index"] += wanted in new
        hits["scan"] += wanted in old
        agree += new[:1] == old[:1]
    lines.append(
        f"  page meant among the 3 suggested: index {hits['index']}/{len(sample)}, "
        f"scan {hits['scan']}/{len(sample)}; same first {agree}/{len(sample)}"
    )
    return lines


def run() -> list[str]:
    import django

    django.setup()
    lines = [
        "CPU ms per 404 suggestion (thread time), generated sites; the scan is the "
        f"previous suggest_pages without its query (up to {MAX_SCAN_SIZE} pages)"
    ]
    for size in SIZES:
        lines += _size_report(size)
    return lines
