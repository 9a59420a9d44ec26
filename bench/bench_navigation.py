"""Menu cost: naive block resolution vs one bulk query vs the warm fragment cache;
also the seed's first and repeated run."""

import time
from collections.abc import Callable

import django


def _measure(fn: Callable[[], object], repeat: int = 20) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        fn()
    started = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - started) / max(repeat, 1), len(queries)


def run() -> list[str]:
    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.template import Context, Template
    from django.test import RequestFactory
    from django.test.utils import setup_test_environment

    from wagtail.models import Site

    from lumen_cms.models import NavigationSettings
    from lumen_cms.navigation import build_navigation

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        started = time.perf_counter()
        call_command("load_lumen_site", verbosity=0)
        first_seed = time.perf_counter() - started
        started = time.perf_counter()
        call_command("load_lumen_site", verbosity=0)
        second_seed = time.perf_counter() - started

        site = Site.objects.get(is_default_site=True)

        def naive() -> None:
            settings = NavigationSettings.objects.get(site=site)
            for entry in settings.mega_menu:
                _ = entry.value["page"] and entry.value["page"].url
                for column in entry.value["columns"]:
                    _ = column["page"] and column["page"].url
                    for item in column["items"]:
                        if item.block_type == "item" and item.value["page"]:
                            _ = item.value["page"].specific.url

        def bulk() -> None:
            build_navigation(site)

        chrome = Template(
            "{% include 'navigation/header.html' %}"
            "{% include 'navigation/footer.html' %}"
        )

        def render() -> None:
            request = RequestFactory().get("/")
            request._wagtail_site = site
            chrome.render(Context({"request": request}))

        naive_time, naive_queries = _measure(naive)
        bulk_time, bulk_queries = _measure(bulk)
        cache.clear()
        warm_time, warm_queries = _measure(render)  # first call fills the cache
        cache.clear()
        _, cold_queries = _measure(render, repeat=0)
        _, warm_after = _measure(render, repeat=0)
        return [
            f"seed first run: {first_seed:.2f} s; second run: {second_seed:.2f} s "
            f"({second_seed / first_seed:.2f}x)",
            f"menu, naive block resolution: {naive_queries} queries, "
            f"{naive_time * 1000:.2f} ms (baseline 1.00x)",
            f"menu, bulk builder: {bulk_queries} queries, {bulk_time * 1000:.2f} ms "
            f"({bulk_time / naive_time:.2f}x)",
            f"header+footer cold render: {cold_queries} queries; warm: {warm_after} "
            f"queries, {warm_time * 1000:.3f} ms ({warm_time / naive_time:.3f}x)",
            f"(warm loop queries: {warm_queries})",
        ]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
