"""A long-lived site process for the shared-cache test: it answers `GET <path>`
lines with the page's status, page-cache header and whether it contains a text.

Run as ``python -m tests.lumen_cms.cache_probe`` with DJANGO_SETTINGS_MODULE and
DATABASE_URL set; each request goes through the full middleware stack.
"""

import sys

import django


def main() -> None:
    django.setup()
    from django.test import Client

    client = Client()
    print("ready", flush=True)  # noqa: T201 - the line protocol
    for line in sys.stdin:
        _, path, needle = line.rstrip("\n").split(" ", 2)
        response = client.get(path)
        found = needle in response.content.decode()
        cache_state = response.get("X-Page-Cache", "-")
        print(response.status_code, cache_state, "yes" if found else "no", flush=True)  # noqa: T201


if __name__ == "__main__":
    main()
