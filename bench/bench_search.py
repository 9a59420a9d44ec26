"""Site search on PostgreSQL at 5,000 pages: p50/p95 of the search view's queries
(result count + first page of results) with and without the `title || body` GIN
index of lumen_cms/migrations/0003, measured in the same run; the plan is checked.

Creates and drops its own database (BENCH_PG_URL, default the local server).
The measuring runs in a subprocess so Django starts against that database.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

from bench.harness import ROOT, percentile, temp_database

PAGES = int(os.environ.get("BENCH_SEARCH_PAGES", "5000"))
SECTIONS = 50
REPEAT = 40
TARGET_P95_MS = 50.0
INDEX = "lumen_search_title_body_gin"
QUERIES = [
    "mysql backup",
    "managed kubernetes cluster",
    "load balancer",
    "disaster recovery",
    "windows server license",
    "object storage pricing",
]
# Each page is about one subject (a cluster of related words) plus a stray topic,
# written in filler from a larger vocabulary: a query's words meet on ~1/30 of pages.
SUBJECTS = [
    ["mysql", "database", "backup", "restore", "replica"],
    ["kubernetes", "cluster", "container", "pod", "helm", "managed"],
    ["load", "balancer", "traffic", "health", "pool"],
    ["disaster", "recovery", "failover", "replication", "site"],
    ["windows", "server", "license", "activation", "update"],
    ["object", "storage", "bucket", "pricing", "lifecycle"],
    ["firewall", "rule", "port", "network", "vpn"],
    ["dns", "domain", "record", "zone", "ttl"],
    ["billing", "invoice", "account", "payment", "credit"],
    ["api", "token", "authentication", "login", "key"],
    ["monitoring", "alert", "metric", "dashboard", "threshold"],
    ["linux", "patch", "kernel", "package", "upgrade"],
    ["snapshot", "disk", "volume", "iops", "ssd"],
    ["identity", "directory", "ldap", "sso", "saml"],
    ["certificate", "tls", "encryption", "renewal", "ca"],
    ["email", "relay", "smtp", "spam", "mailbox"],
    ["cdn", "cache", "edge", "purge", "origin"],
    ["migration", "vmware", "hypervisor", "import", "image"],
    ["compliance", "audit", "gdpr", "hipaa", "pci"],
    ["terraform", "ansible", "script", "template", "automation"],
    ["support", "ticket", "portal", "sla", "escalation"],
    ["queue", "message", "webhook", "event", "subscriber"],
    ["autoscale", "cpu", "memory", "policy", "group"],
    ["logging", "syslog", "retention", "archive", "search"],
    ["gateway", "router", "bgp", "ipv6", "bandwidth"],
    ["datacenter", "latency", "region", "zone", "availability"],
    ["password", "mfa", "rotation", "policy", "user"],
    ["pipeline", "deploy", "registry", "build", "release"],
    ["blueprint", "orchestration", "workflow", "task", "schedule"],
    ["sql", "server", "licensing", "cluster", "always"],
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "nu",
    "pe",
    "ra",
    "si",
    "to",
    "ve",
    "wa",
    "xe",
    "yo",
    "za",
    "be",
    "co",
    "du",
    "fi",
    "go",
    "hu",
    "ji",
]


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    return [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        for _ in range(size)
    ]


def _text(rng: random.Random, topics: list[str], vocab: list[str], length: int) -> str:
    words = [
        rng.choice(topics) if rng.random() < 0.15 else rng.choice(vocab)
        for _ in range(length)
    ]
    return " ".join(words).capitalize() + "."


def _create_pages() -> None:
    """PAGES standard pages under SECTIONS section pages; indexed in bulk at the end."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from wagtail.models import Site

    from lumen_cms.models import StandardPage

    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    rng = random.Random(20240601)  # noqa: S311 - reproducible content
    vocab = _vocabulary(rng)
    call_command("load_lumen_site", verbosity=0)
    home = Site.objects.get(is_default_site=True).root_page
    per_section = PAGES // SECTIONS
    for s in range(SECTIONS):
        with transaction.atomic():
            section = home.add_child(
                instance=StandardPage(
                    title=f"{rng.choice(rng.choice(SUBJECTS)).title()} guides {s}",
                    slug=f"guides-{s}",
                )
            )
            for n in range(per_section):
                subject = rng.choice(SUBJECTS)
                topics = [*subject, *rng.choice(SUBJECTS)[:1]]
                title = " ".join([*rng.sample(subject, 2), rng.choice(vocab)]).title()
                paragraphs = "".join(
                    f"<p>{_text(rng, topics, vocab, rng.randint(15, 40))}</p>"
                    for _ in range(6)
                )
                section.add_child(
                    instance=StandardPage(
                        title=f"{title} {s}-{n}",
                        slug=f"page-{s}-{n}",
                        intro=_text(rng, topics, vocab, 20),
                        body=[("paragraph", paragraphs)],
                    )
                )
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True
    call_command("update_index", verbosity=0)


def _results(query: str):
    """What lumen_cms.views.search searches."""
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    return (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .search(query)
    )


def _search(query: str) -> int:
    """What the search view runs: a count and the first page of ten."""
    results = _results(query)
    count = results.count()
    list(results[:10])
    return count


def _timed(query: str) -> tuple[float, int]:
    started = time.perf_counter()
    count = _search(query)
    return (time.perf_counter() - started) * 1000, count


def _timings() -> dict[str, dict[str, dict[str, float]]]:
    """Interleaved: each round times a query with the index, then without it
    (DROP INDEX inside a transaction that is rolled back), so drift hits both."""
    from django.db import connection, transaction

    out: dict[str, dict[str, dict[str, float]]] = {"with": {}, "without": {}}
    for query in QUERIES:
        samples: dict[str, list[float]] = {"with": [], "without": []}
        counts = {}
        for round_ in range(REPEAT + 1):
            elapsed, counts["with"] = _timed(query)
            if round_:  # the first round warms plans and buffers
                samples["with"].append(elapsed)
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(f"DROP INDEX {INDEX}")
                elapsed, counts["without"] = _timed(query)
                transaction.set_rollback(True)
            if round_:
                samples["without"].append(elapsed)
        for variant, values in samples.items():
            out[variant][query] = {
                "p50": percentile(values, 50),
                "p95": percentile(values, 95),
                "count": counts[variant],
            }
    return out


def _plan(query: str) -> str:
    from django.db import connection

    sql, params = _results(query)[:10].get_queryset().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def measure() -> dict:
    """Runs inside the subprocess, against the temporary database."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    _create_pages()
    built = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM wagtailsearch_indexentry")
        entries = cursor.fetchone()[0]
    timings = _timings()
    plan_with = _plan(QUERIES[0])
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX {INDEX}")
        plan_without = _plan(QUERIES[0])
        transaction.set_rollback(True)
    return {
        "entries": entries,
        "build_seconds": built,
        "with": timings["with"],
        "without": timings["without"],
        "index_used": INDEX in plan_with,
        "index_used_without": INDEX in plan_without,
        "plan_with": plan_with,
    }


def run() -> list[str]:
    with temp_database("lumen_bench_search") as url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lumen_cms.settings.test",
            "DATABASE_URL": url,
        }
        result = subprocess.run(
            [sys.executable, "-m", "bench.bench_search"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=3600,
            check=False,
        )
    if result.returncode != 0:
        return [f"failed: {result.stderr[-3000:]}"]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    lines = [
        f"{data['entries']} index entries (≈{PAGES} generated pages + the seed), "
        f"built in {data['build_seconds']:.0f} s",
        f"{'query':28} {'hits':>5} {'p50 idx':>8} {'p95 idx':>8} "
        f"{'p50 no-idx':>10} {'p95 no-idx':>10} {'p95 ratio':>9}",
    ]
    worst = 0.0
    for query in QUERIES:
        w, wo = data["with"][query], data["without"][query]
        worst = max(worst, w["p95"])
        lines.append(
            f"{query:28} {w['count']:>5} {w['p50']:>6.1f}ms {w['p95']:>6.1f}ms "
            f"{wo['p50']:>8.1f}ms {wo['p95']:>8.1f}ms {wo['p95'] / w['p95']:>8.1f}x"
        )
    lines += [
        f"worst p95 with the index: {worst:.1f} ms (target <= {TARGET_P95_MS:.0f} ms: "
        f"{'met' if worst <= TARGET_P95_MS else 'NOT met'})",
        f"EXPLAIN uses {INDEX}: with it {data['index_used']}, "
        f"after DROP INDEX {data['index_used_without']}",
    ]
    return lines


if __name__ == "__main__":
    sys.stdout.write(json.dumps(measure()) + "\n")
