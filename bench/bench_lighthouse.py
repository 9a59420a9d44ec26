"""Lighthouse accessibility, best-practices and SEO scores of the key public pages.

Serves the seeded site as the browser tests do (tests/e2e/server.py), then runs npm
``lighthouse`` (pinned in tools/lighthouse, installed by ``make lighthouse-install``)
with Debian's Chromium on each page, mobile and desktop. Every score must be at least
``LIGHTHOUSE_MIN_SCORE`` (95). JSON and HTML reports go to test-artifacts/lighthouse/.
``python -m bench.bench_lighthouse`` exits 1 when a score is below the floor.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("LUMEN_E2E_CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ("accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
MIN_SCORE = int(os.environ.get("LIGHTHOUSE_MIN_SCORE", "95"))
REPORTS = ROOT / "test-artifacts" / "lighthouse"


def lighthouse(url: str, *, name: str, form_factor: str) -> dict:
    """One Lighthouse run; the parsed JSON report (also kept with its HTML twin)."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    base = REPORTS / f"{name}-{form_factor}"
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output=html",
        f"--output-path={base}",
        "--quiet",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, cwd=ROOT, timeout=180)  # noqa: S603
    report = Path(f"{base}.report.json")
    return json.loads(report.read_text())


def failed_audits(report: dict, category: str) -> list[str]:
    """Scored audits of a category that did not pass, for the report lines."""
    audits = report["audits"]
    return [
        ref["id"]
        for ref in report["categories"][category]["auditRefs"]
        if ref.get("weight")
        and audits[ref["id"]].get("score") is not None
        and audits[ref["id"]]["score"] < 1
    ]


def measure() -> tuple[list[str], bool]:
    """Serve the seeded site and score every page: report lines, and all passed?"""
    sys.path.insert(0, str(ROOT))
    from tests.e2e.pages import LIGHTHOUSE_PAGES
    from tests.e2e.server import seeded_server

    if not LIGHTHOUSE.exists():
        return [f"{LIGHTHOUSE} is missing: run `make lighthouse-install`."], False
    lines = [
        f"Lighthouse {_version()}, Chromium at {CHROMIUM}; floor {MIN_SCORE} "
        f"for {', '.join(CATEGORIES)}",
        f"{'page':<12} {'form factor':<11} "
        + " ".join(f"{c:>14}" for c in CATEGORIES)
        + "  not passed",
    ]
    ok = True
    with (
        tempfile.TemporaryDirectory() as tmp,
        seeded_server(Path(tmp), log_name="lighthouse-server.log") as base_url,
    ):
        for name, path in LIGHTHOUSE_PAGES:
            for form_factor in FORM_FACTORS:
                report = lighthouse(base_url + path, name=name, form_factor=form_factor)
                scores = {
                    c: round((report["categories"][c]["score"] or 0) * 100)
                    for c in CATEGORIES
                }
                ok = ok and all(score >= MIN_SCORE for score in scores.values())
                misses = sorted(
                    {a for c in CATEGORIES for a in failed_audits(report, c)}
                )
                lines.append(
                    f"{name:<12} {form_factor:<11} "
                    + " ".join(f"{scores[c]:>14}" for c in CATEGORIES)
                    + f"  {', '.join(misses) or '-'}"
                )
    lines.append(f"Reports: {REPORTS}")
    lines.append("All scores meet the floor." if ok else "Scores below the floor.")
    return lines, ok


def _version() -> str:
    done = subprocess.run(  # noqa: S603
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "?"


def run() -> list[str]:
    """Entry point for bench/run.py (`make bench`)."""
    return measure()[0]


if __name__ == "__main__":
    report_lines, passed = measure()
    sys.stdout.write("\n".join(report_lines) + "\n")
    raise SystemExit(0 if passed else 1)
