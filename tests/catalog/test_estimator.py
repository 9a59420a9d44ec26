"""The estimator's core is pure Python: only its `page` package imports Django."""

import pkgutil
import subprocess
import sys

import catalog.estimator


def core_modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(
            catalog.estimator.__path__, prefix="catalog.estimator."
        )
        if not m.name.startswith("catalog.estimator.page")
    ]


def test_core_has_no_django_import():
    modules = core_modules()
    assert {
        "catalog.estimator.engine",
        "catalog.estimator.line_pricing",
        "catalog.estimator.validation.parser",
        "catalog.estimator.serialization",
    } <= set(modules)
    code = (
        f"import sys, importlib; [importlib.import_module(m) for m in {modules!r}]; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0  # noqa: S603
