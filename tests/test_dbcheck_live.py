"""`tutor check-db` against the live MariaDB from scripts/ensure-mysql (TUTOR_TEST_MYSQL_URL).

Skips with the reason when the server is unreachable, except under CI=true, where that fails.
Extra accounts (unix-socket-only, ed25519) are made through root's unix socket when possible.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
from collections.abc import Callable
from urllib.parse import quote, urlsplit

import pytest
from dbcheck_support import (
    assert_no_secret,
    live_mysql_url,
    peer,
    relay,
    require_or_skip,
    root_sql_or_skip,
    run_cli,
)

from tutor.dbcheck import resolve_settings
from tutor.dbcheck.placement import is_loopback
from tutor.dbcheck.wire import Budget, ServerRefused, open_tcp, read_greeting, resolve

pytestmark = pytest.mark.live_mysql


def _ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="module")
def live_url() -> str:
    return live_mysql_url()


@pytest.fixture(scope="module")
def live_parts(live_url: str) -> dict:
    parts = urlsplit(live_url)
    return {
        "user": parts.username,
        "password": parts.password,
        "host": parts.hostname,
        "port": parts.port or 3306,
        "database": parts.path.lstrip("/"),
    }


def _with(parts: dict, **changes: object) -> str:
    p = {**parts, **changes}
    auth = quote(str(p["user"]), safe="")
    if p["password"] is not None:
        auth += ":" + quote(str(p["password"]), safe="")
    return f"mysql://{auth}@{p['host']}:{p['port']}/{p['database']}"


def _query(live_url: str, sql: str) -> list[tuple]:
    import mysql.connector

    s = resolve_settings(live_url, env={})
    conn = mysql.connector.connect(
        host=s.host, port=s.port, user=s.user, password=s.password, use_pure=True,
        connection_timeout=3,
    )  # fmt: skip
    try:
        cursor = conn.cursor()
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def root_sql() -> Callable[[str], subprocess.CompletedProcess]:
    return root_sql_or_skip()


def _expect(url: str, category: str, secret: str, code: int = 1) -> dict:
    run = run_cli(url, "--json")
    assert run.code == code, (run.stdout, run.stderr)
    assert_no_secret(secret, run.stdout, run.stderr)
    data = run.json
    assert data["category"] == category, data
    return data


def test_success_over_tcp(live_url: str, live_parts: dict) -> None:
    data = _expect(live_url, "ok", live_parts["password"], code=0)
    assert data["ok"] is True and data["error"] is None
    assert [s["name"] for s in data["stages"]] == [
        "dns", "connect", "greeting", "tls", "login", "database", "query",
    ]  # fmt: skip
    version = _query(live_url, "SELECT VERSION()")[0][0]
    assert data["server_version"] == version
    assert data["placement"] == "internal"
    assert data["target"]["sources"]["host"] == "URL argument"
    assert data["tls"] in (True, False)


def test_success_over_the_unix_socket(live_url: str, live_parts: dict) -> None:
    path = _query(live_url, "SELECT @@socket")[0][0]
    if not path or not os.path.exists(path):
        require_or_skip(_ci(), f"the server's socket {path!r} is not visible here")
    url = _with(live_parts, host="localhost") + f"?unix_socket={quote(path)}"
    data = _expect(url, "ok", live_parts["password"], code=0)
    assert data["target"]["socket"] == path
    assert data["stages"][0] == {**data["stages"][0], "name": "connect", "ok": True}
    assert data["placement"] == "internal"


def test_human_success_output(live_url: str, live_parts: dict) -> None:
    run = run_cli(live_url)
    assert run.code == 0
    assert_no_secret(live_parts["password"], run.stdout, run.stderr)
    assert "✓ query" in run.stdout
    assert "Placement: internal" in run.stdout
    assert "local or development environment" in run.stdout
    assert "password  ****" in run.stdout


def test_settings_from_environment(live_parts: dict) -> None:
    env = dict(os.environ)
    env.update(
        MYSQL_HOST=live_parts["host"],
        MYSQL_TCP_PORT=str(live_parts["port"]),
        MYSQL_USER=live_parts["user"],
        MYSQL_PWD=live_parts["password"],
        MYSQL_DATABASE=live_parts["database"],
    )
    run = run_cli("--json", env=env)
    assert run.code == 0, run.stdout
    assert run.json["target"]["sources"]["password"] == "MYSQL_PWD"
    assert_no_secret(live_parts["password"], run.stdout, run.stderr)


def test_wrong_password(live_parts: dict) -> None:
    data = _expect(_with(live_parts, password="Wrong-pw-123"), "auth", "Wrong-pw-123")
    assert data["error"]["code"] == 1045
    assert data["stages"][-1]["name"] == "login"


def test_unknown_user(live_parts: dict) -> None:
    data = _expect(_with(live_parts, user="nobody_at_all"), "auth", live_parts["password"])
    assert data["error"]["code"] == 1045


def test_missing_database_1049(live_parts: dict) -> None:
    data = _expect(
        _with(live_parts, database="tutor_scratch_missing"), "no-database", live_parts["password"]
    )
    assert data["error"]["code"] == 1049
    assert data["stages"][-1]["name"] == "database"


def test_database_without_rights_1044(live_parts: dict) -> None:
    data = _expect(_with(live_parts, database="nope_db"), "no-database", live_parts["password"])
    assert data["error"]["code"] == 1044
    assert "1044" in data["error"]["hint"] and "1049" in data["error"]["hint"]


def test_tls_required(live_url: str, live_parts: dict) -> None:
    have_ssl = dict(_query(live_url, "SHOW VARIABLES LIKE 'have_ssl'")).get("have_ssl")
    url = _with(live_parts) + "?ssl-mode=REQUIRED"
    if have_ssl == "YES":
        data = _expect(url, "ok", live_parts["password"], code=0)
        assert data["tls"] is True
    else:
        data = _expect(url, "tls", live_parts["password"])
        assert data["stages"][-1]["name"] == "tls"
        assert data["placement"] == "internal"


def test_unix_socket_only_account_1698(live_parts: dict, root_sql) -> None:
    made = root_sql(
        "CREATE USER IF NOT EXISTS 'tutor_sockonly'@'127.0.0.1' IDENTIFIED VIA unix_socket;"
        "CREATE USER IF NOT EXISTS 'tutor_sockonly'@'localhost' IDENTIFIED VIA unix_socket;"
    )
    if made.returncode != 0:
        pytest.skip(f"cannot create a unix_socket account: {made.stderr.strip()}")
    try:
        url = _with(live_parts, user="tutor_sockonly", password="Sock-pw-1")
        data = _expect(url, "auth", "Sock-pw-1")
        assert data["error"]["code"] == 1698
        assert "unix socket" in data["error"]["message"]
    finally:
        root_sql("DROP USER IF EXISTS 'tutor_sockonly'@'127.0.0.1', 'tutor_sockonly'@'localhost'")


def test_auth_plugin_the_driver_cannot_do(live_parts: dict, root_sql) -> None:
    loaded = root_sql(
        "SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME='ed25519'"
    )
    if "ACTIVE" not in loaded.stdout:
        install = root_sql("INSTALL SONAME 'auth_ed25519'")
        if install.returncode != 0:
            pytest.skip(f"the ed25519 auth plugin is not available: {install.stderr.strip()}")
    made = root_sql(
        "CREATE USER IF NOT EXISTS 'tutor_ed'@'127.0.0.1' "
        "IDENTIFIED VIA ed25519 USING PASSWORD('Ed-pw-1')"
    )
    assert made.returncode == 0, made.stderr
    try:
        data = _expect(
            _with(live_parts, user="tutor_ed", password="Ed-pw-1"), "auth-plugin", "Ed-pw-1"
        )
        assert data["error"]["code"] == 2059
    finally:
        root_sql("DROP USER IF EXISTS 'tutor_ed'@'127.0.0.1'")


def _needs_loopback_server(live_parts: dict) -> None:
    if not is_loopback(socket.gethostbyname(live_parts["host"])):
        pytest.skip("a 127.0.0.2 client address only reaches a server on this machine's loopback")


def _needs_no_account_for_127_0_0_2(root_sql) -> None:
    """1130 comes only when no account at all matches the client's host: one with host '%'
    (class mode's accounts, a lab's 'shop_app'@'%' left by a bench or a walk by hand) turns it
    into 1045, and so does one dropped since the grant tables were last loaded. Reload them,
    and name any such account rather than fail on the wrong error code."""
    query = (
        "SELECT CONCAT(QUOTE(user), '@', QUOTE(host)) FROM mysql.user"
        " WHERE '127.0.0.2' LIKE host AND host NOT IN ('localhost')"
    )
    # The server keeps a flag "some account allows every host" from the first CREATE USER with
    # host '%' until the grant tables are reloaded: DROP USER does not clear it.
    root_sql("FLUSH PRIVILEGES")
    found = root_sql(query)
    accounts = found.stdout.split()
    if accounts:
        message = f"accounts match host 127.0.0.2, so 1130 cannot happen: {', '.join(accounts)}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (drop them: they were left by another run)")
        pytest.skip(message)


def test_host_not_allowed_1130_through_a_relay_from_127_0_0_2(live_parts: dict, root_sql) -> None:
    """The real server answers a client address it has no account for with error 1130."""
    _needs_loopback_server(live_parts)
    _needs_no_account_for_127_0_0_2(root_sql)
    root_sql("FLUSH HOSTS")
    upstream = (live_parts["host"], int(live_parts["port"]))
    with peer(relay(upstream, "127.0.0.2")) as p:
        data = _expect(_with(live_parts, port=p.port), "host-not-allowed", live_parts["password"])
    assert data["error"]["code"] == 1130
    assert data["stages"][-1]["name"] == "greeting"


def test_greeting_read_directly_reports_the_error_packet(live_parts: dict, root_sql) -> None:
    _needs_loopback_server(live_parts)
    _needs_no_account_for_127_0_0_2(root_sql)
    budget = Budget.start(3, threading.Event())
    infos = [i for i in resolve(live_parts["host"], live_parts["port"], budget) if i[0] == 2]
    if not infos:
        pytest.skip("the live server has no IPv4 address to test a 127.0.0.2 source against")
    sock = socket.socket()
    sock.bind(("127.0.0.2", 0))
    sock.connect(infos[0][4])
    try:
        with pytest.raises(ServerRefused) as refused:
            read_greeting(sock, budget)
    finally:
        sock.close()
    assert refused.value.code == 1130
    # ...and a normal connection yields a protocol-10 greeting.
    sock, _ = open_tcp(infos, budget)
    try:
        greeting = read_greeting(sock, budget)
    finally:
        sock.close()
    assert greeting.protocol == 10 and greeting.version
