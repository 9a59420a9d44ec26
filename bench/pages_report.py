"""The table and goal lines of bench_pages, from the figures it gathered."""

from __future__ import annotations

from bench.harness import percentile


def rows(targets: list, results: dict, queries: dict, baselines: dict) -> list[dict]:
    """One row per target, its req/s as a ratio to its phase's baseline."""
    made = []
    for key, label, _, path, _, _ in targets:
        result = results[key]
        baseline, short = baselines.get(key, (None, ""))
        ratio = result["rps"] / results[baseline]["rps"] if baseline else None
        made.append(
            {
                "key": key,
                "label": label,
                "path": path,
                **{
                    name: round(value, 2) if isinstance(value, float) else value
                    for name, value in result.items()
                },
                "queries": queries.get(key),
                "ratio": round(ratio, 3) if ratio is not None else None,
                "ratio_to": short,
            }
        )
    return made


def goal(label: str, value: float, sign: str, target: float) -> dict:
    met = value >= target if sign == ">=" else value <= target
    return {
        "goal": label,
        "value": round(value, 3),
        "sign": sign,
        "target": round(target, 3),
        "met": met,
    }


def text(data: dict) -> list[str]:
    settings, loads = data["settings"], data["load_average"]
    lines = [
        f"{data['date']}, commit {data['commit']}; gunicorn.conf.py as shipped "
        f"(workers: {settings['workers']}, 4 threads), wrk 1 thread, "
        f"{settings['connections']} connections, {settings['seconds_per_target']:g} s "
        f"per target in {settings['rounds']} interleaved rounds; {settings['cores']} "
        "cores shared with PostgreSQL, Redis and wrk",
        "load average (1/5/15 min): "
        + "; ".join(f"{k} {' '.join(map(str, v))}" for k, v in loads.items()),
        f"{'target':36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'queries':>7}  ratio",
        "-- the seeded site",
    ]
    for row in data["rows"]:
        if row["key"] == "healthz_5k":
            added = data["added"]
            lines.append(
                f"-- +{added['pages']:,} live pages ({added['sections']} sections, "
                f"added and indexed in {added['seconds']:.0f} s)"
            )
        lines.append(_row(row))
    lines += _search(data)
    for found in data["goals"]:
        verdict = "met" if found["met"] else "NOT met"
        lines.append(
            f"goal: {found['goal']}: {found['value']:.2f} "
            f"(target {found['sign']} {found['target']:.2f}: {verdict})"
        )
    lines.append(f"runtime {data['seconds']} s")
    return lines


def _row(row: dict) -> str:
    queries = "" if row["queries"] is None else str(row["queries"])
    ratio = f"{row['ratio']:.2f}x {row['ratio_to']}" if row["ratio"] is not None else ""
    flags = f"  ({row['errors']} socket errors)" if row["errors"] else ""
    if row["non_2xx"] and not row["key"].startswith("404"):
        flags += f"  ({row['non_2xx']} non-2xx)"
    if row["drain_seconds"] >= 5:
        flags += f"  (server busy {row['drain_seconds']:.0f} s after wrk stopped)"
    return (
        f"{row['label']:36} {row['rps']:>8.0f} {row['p50']:>8.2f} "
        f"{row['p99']:>8.2f} {queries:>7}  {ratio}{flags}"
    )


def _search(data: dict) -> list[str]:
    sqlite = data.get("sqlite", {}).get("probe", {})
    lines = [
        f"-- search at +{data['added']['pages']:,} pages: sequential HTTP, and "
        "in-process on PostgreSQL and on SQLite (ms)",
        f"{'query':12} {'hits':>5} {'HTTP p50':>9} {'p95':>7} {'PG p50':>8} "
        f"{'p95':>7} {'CPU p50':>8} {'queries':>7} {'SQLite p50':>11} {'p95':>7}",
    ]
    for query, http in data["search_http"].items():
        url = f"/search/?q={query}"
        pg = data["search_pg"][url]
        lite = (
            f"{percentile(sqlite[url]['ms'], 50):>11.1f} "
            f"{percentile(sqlite[url]['ms'], 95):>7.1f}"
            if url in sqlite
            else f"{'skipped':>11}"
        )
        lines.append(
            f"{query:12} {http['hits']:>5} {http['p50']:>9.1f} {http['p95']:>7.1f} "
            f"{percentile(pg['ms'], 50):>8.1f} {percentile(pg['ms'], 95):>7.1f} "
            f"{percentile(pg['cpu_ms'], 50):>8.1f} {min(pg['queries']):>7} {lite}"
        )
    if sqlite:
        lines.append(f"SQLite search backend: {sqlite['_backend']}")
    return lines
