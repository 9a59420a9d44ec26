"""Run every benchmark module in this folder (`bench_*.py`) and print their reports.

Each module defines `run() -> list[str]`: lines of measured figures, reported as ratios
against a baseline measured in the same run. Results are also written to bench-results/.
"""

import importlib
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main(selected: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumen_cms.settings.test")
    out_dir = ROOT / "bench-results"
    out_dir.mkdir(exist_ok=True)
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if selected:
        modules = [m for m in modules if any(s in m for s in selected)]
    for name in modules:
        module = importlib.import_module(f"bench.{name}")
        lines = module.run()
        report = "\n".join([f"== {name}", *lines, ""])
        sys.stdout.write(report + "\n")
        (out_dir / f"{name}.txt").write_text(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
