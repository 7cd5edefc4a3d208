"""Threads that write at once, each with its own connection, on SQLite as on PostgreSQL.

The SQLite test database lives in this process's memory, where every connection shares
one cache that locks whole tables instead of waiting its turn. For tests of concurrent
writers, file_database copies it into a file and points every connection at the copy
for the test: a database as a desk runs it (WAL, IMMEDIATE transactions, a busy
timeout: factdesk.settings). On PostgreSQL the test database is already shared.
"""

import sqlite3
import threading

import pytest
from django.db import connection


@pytest.fixture
def file_database(transactional_db, tmp_path):
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    in_memory, name = connection.connection, connection.settings_dict["NAME"]
    copy = sqlite3.connect(tmp_path / "desk.sqlite3")
    in_memory.backup(copy)
    copy.close()
    # New connections of every thread read the name from this dictionary.
    connection.settings_dict["NAME"] = str(tmp_path / "desk.sqlite3")
    connection.connection = None  # kept open above: closing it would drop the database
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


def run_at_once(*work, seconds: float = 120) -> list:
    """Run each callable in its own thread and connection; their results, in order.

    A thread's exception is raised here, after all have ended.
    """
    results: list = [None] * len(work)
    errors: list = []

    def run(i: int) -> None:
        try:
            results[i] = work[i]()
        except BaseException as error:  # reported in the test's own thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(work))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds)
    assert not any(thread.is_alive() for thread in threads), "a thread is still running"
    if errors:
        raise errors[0]
    return results
