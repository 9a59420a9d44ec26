"""A seeded copy of the test database, built once per session.

Tests asking for the seeded site (`lumen_site`, `seeded_site`) run on the copy;
every other test runs on the plain migrated database. Both are used the usual way:
each test in a transaction rolled back at its end. Switching is a reconnect, so a
seeded test costs what any database test costs instead of a seed run (about 2 s).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

SEEDED_FIXTURES = frozenset({"lumen_site", "seeded_site"})


class SeededDatabase:
    """The plain test database and its seeded copy; `use()` picks one."""

    def __init__(self) -> None:
        self.plain = connection.settings_dict["NAME"]
        self.vendor = connection.vendor
        if not (
            connection.is_in_memory_db() if self.vendor == "sqlite" else False
        ) and (not str(self.plain).rsplit("/", 1)[-1].startswith("test_")):
            raise RuntimeError(f"{self.plain} is not a test database.")
        if self.vendor == "sqlite":
            self.seeded = (
                "file:memorydb_lumen_seeded?mode=memory&cache=shared"
                if connection.is_in_memory_db()
                else f"{self.plain}.seeded"
            )
        elif self.vendor == "postgresql":
            self.seeded = f"{self.plain}_seeded"
        else:  # pragma: no cover - the project runs on SQLite and PostgreSQL only
            raise NotImplementedError(self.vendor)
        self._keep_open: list[sqlite3.Connection] = []
        self.built = False

    def build(self) -> None:
        """Copy the migrated database, then load the seed into the copy."""
        self.use(plain=True)
        if self.vendor == "sqlite":
            connection.ensure_connection()
            for kept in self._keep_open:
                kept.close()
            # Closing the last connection to an in-memory database deletes it:
            # these keep both alive while Django's connection switches between them.
            plain = sqlite3.connect(self.plain, uri=True)
            copy = sqlite3.connect(self.seeded, uri=True)
            connection.connection.backup(copy)
            self._keep_open = [plain, copy]
        else:
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.seeded}"')
                cursor.execute(
                    f'CREATE DATABASE "{self.seeded}" TEMPLATE "{self.plain}"'
                )
        self.use(plain=False)
        call_command("load_lumen_site", verbosity=0)
        cache.clear()
        self.built = True

    def use(self, *, plain: bool) -> None:
        name = self.plain if plain else self.seeded
        if connection.settings_dict["NAME"] == name:
            return
        # Django ignores close() on in-memory SQLite databases; really close it.
        BaseDatabaseWrapper.close(connection)
        connection.settings_dict["NAME"] = name
        ContentType.objects.clear_cache()

    def clone(self, folder: Path) -> tuple[str, Callable[[], None]]:
        """A DATABASE_URL of a scratch copy of the seeded site for other processes
        (and a function that removes it); leaves the connection on the plain one."""
        if not self.built:
            self.build()
        self.use(plain=True)
        if self.vendor == "sqlite":
            path = folder / "seeded-copy.sqlite3"
            self._keep_open[1].execute("VACUUM INTO ?", (str(path),))
            return f"sqlite:///{path}", lambda: None
        name = f"{self.seeded}_copy"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.seeded}"')
        s = connection.settings_dict
        login = (
            quote(s["USER"] or "", safe="") + ":" + quote(s["PASSWORD"] or "", safe="")
        )
        url = (
            f"postgres://{login}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"
        )

        def drop() -> None:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return url, drop

    def drop(self) -> None:
        self.use(plain=True)
        if self.vendor == "sqlite":
            for kept in self._keep_open[1:]:
                kept.close()
        elif self.built:
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.seeded}"')
