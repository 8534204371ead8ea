import contextlib

from django.db import connections

from tests.conftest import free_port
from tests.petitions.conftest import campaign, petition, petition_pages  # noqa: F401


@contextlib.contextmanager
def database_unreachable():
    """The default database as if its server were stopped: the open
    connection is set aside and new ones go to a loopback port where nothing
    listens (on SQLite, a file that cannot be opened), so the driver raises
    the same OperationalError a stopped server gives. The machine's shared
    PostgreSQL server is never touched."""
    connection = connections["default"]
    connection.ensure_connection()
    saved_connection = connection.connection
    saved_settings = dict(connection.settings_dict)
    connection.connection = None
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent/hazara/db.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(free_port()))
    try:
        yield
    finally:
        if connection.connection is not None:
            connection.connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved_settings)
        connection.connection = saved_connection
