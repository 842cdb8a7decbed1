"""Where each MySQL setting comes from: URL, DATABASE_URL, MYSQL_*, ~/.my.cnf, defaults."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from tutor.dbcheck import CheckResult, ConfigError, Settings, resolve_settings
from tutor.dbcheck.placement import classify, parse_ip_o_addr

SECRET = "Cnf-S3cret"


def _ok(url: str | None, env: dict | None = None, home: Path | None = None) -> Settings:
    result = resolve_settings(url, env=env or {}, home=home or Path("/nonexistent-home"))
    assert isinstance(result, Settings), result
    return result


def _err(url: str | None, env: dict | None = None, home: Path | None = None) -> ConfigError:
    result = resolve_settings(url, env=env or {}, home=home or Path("/nonexistent-home"))
    assert isinstance(result, ConfigError), result
    return result


def test_defaults_when_nothing_is_given() -> None:
    s = _ok(None)
    assert (s.host, s.port, s.user, s.password, s.database) == (
        "127.0.0.1",
        3306,
        getpass.getuser(),
        None,
        None,
    )
    assert s.sources == {"host": "default", "port": "default", "user": "default"}
    assert not s.uses_socket


def test_url_parts_are_percent_decoded() -> None:
    s = _ok("mysql://st%40dent:p%40ss%2Fw%3Ard@db.example.com:3307/my%20db")
    assert (s.user, s.password, s.host, s.port, s.database) == (
        "st@dent",
        "p@ss/w:rd",
        "db.example.com",
        3307,
        "my db",
    )
    assert s.sources["password"] == "URL argument"


def test_driver_suffix_and_query_options() -> None:
    s = _ok("mysql+pymysql://u:p@localhost/db?ssl-mode=verify_ca&ssl-ca=/ca.pem&charset=utf8mb4")
    assert s.ssl_mode == "VERIFY_CA" and s.ssl_ca == "/ca.pem"
    s = _ok("mysql://u@localhost/db?unix_socket=/run/mysqld/mysqld.sock")
    assert s.uses_socket and s.socket == "/run/mysqld/mysqld.sock"
    assert _ok("mysql://u@[::1]:3310/db").host == "::1"


def test_precedence_url_then_database_url_then_env_then_mycnf(tmp_path: Path) -> None:
    (tmp_path / ".my.cnf").write_text(
        "[client]\nhost=cnf-host\nuser=cnf-user\npassword=cnf-pw\ndatabase=cnf-db\nport=3310\n"
    )
    env = {
        "DATABASE_URL": "mysql://dburl-user@dburl-host/dburl-db",
        "MYSQL_HOST": "env-host",
        "MYSQL_PWD": "env-pw",
        "MYSQL_TCP_PORT": "3320",
    }
    s = _ok("mysql://url-host/url-db", env, tmp_path)
    assert (s.host, s.database, s.user, s.password, s.port) == (
        "url-host",
        "url-db",
        "dburl-user",
        "env-pw",
        3320,
    )
    assert s.sources == {
        "host": "URL argument",
        "database": "URL argument",
        "user": "DATABASE_URL",
        "password": "MYSQL_PWD",
        "port": "MYSQL_TCP_PORT",
    }
    s = _ok(None, {}, tmp_path)
    assert (s.host, s.user, s.port, s.database) == ("cnf-host", "cnf-user", 3310, "cnf-db")
    assert set(s.sources.values()) == {"~/.my.cnf [client]"}


def test_mysql_port_wins_over_mysql_tcp_port_and_password_over_pwd() -> None:
    env = {"MYSQL_PORT": "3301", "MYSQL_TCP_PORT": "3302", "MYSQL_PASSWORD": "a", "MYSQL_PWD": "b"}
    s = _ok(None, env)
    assert (s.port, s.password) == (3301, "a")
    assert s.sources["port"] == "MYSQL_PORT"


def test_mycnf_is_read_tolerantly(tmp_path: Path) -> None:
    (tmp_path / ".my.cnf").write_text(
        "# a comment\nstray-key = 1\n!includedir /etc/mysql/conf.d/\n[mysqld]\nport=1\n"
        "[client]\n"
        "!include /etc/mysql/other.cnf\n"
        "ssl\n"
        'password = "quoted pw"\n'
        "socket=/tmp/my.sock\n"
        "ssl-mode=REQUIRED\n"
        "port = 3399\n"
        "[client]\nuser = again\n"
    )
    s = _ok(None, {}, tmp_path)
    assert (s.password, s.socket, s.ssl_mode, s.port, s.user) == (
        "quoted pw",
        "/tmp/my.sock",
        "REQUIRED",
        3399,
        "again",
    )
    assert s.uses_socket  # socket and host both from lower sources: the socket wins


def test_socket_only_used_when_its_source_ranks_as_high_as_the_host(tmp_path: Path) -> None:
    (tmp_path / ".my.cnf").write_text("[client]\nsocket=/tmp/my.sock\n")
    assert not _ok(None, {"MYSQL_HOST": "db.example.com"}, tmp_path).uses_socket
    assert _ok(None, {"MYSQL_UNIX_PORT": "/tmp/a.sock"}, tmp_path).socket == "/tmp/a.sock"


@pytest.mark.parametrize(
    "socket, sources, first, wins",
    [
        (None, {"host": "default"}, None, False),
        ("", {"socket": "MYSQL_UNIX_PORT", "host": "default"}, None, False),
        ("/s", {"socket": "~/.my.cnf [client]", "host": "URL argument"}, None, False),
        ("/s", {"socket": "~/.my.cnf [client]", "host": "default"}, None, True),
        ("/s", {"socket": "MYSQL_UNIX_PORT", "host": "MYSQL_HOST"}, None, True),  # a tie
        ("/s", {"socket": "DATABASE_URL", "host": "MYSQL_HOST"}, None, True),
        ("/s", {"socket": "MYSQL_UNIX_PORT"}, None, True),  # a host without a source: last
        # The Check MySQL form: what is typed outranks the sources it was filled from.
        ("/s", {"socket": "typed here", "host": "MYSQL_HOST"}, ("typed here",), True),
        ("/s", {"socket": "typed here", "host": "MYSQL_HOST"}, None, False),
        ("/s", {"socket": "MYSQL_UNIX_PORT", "host": "typed here"}, ("typed here",), False),
    ],
)
def test_the_socket_first_rule(socket, sources, first, wins) -> None:
    from tutor.dbcheck.settings import socket_wins

    extra = {} if first is None else {"first": first}
    assert socket_wins(socket, sources, **extra) is wins


def test_the_default_user_is_the_login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor.dbcheck.settings import login_name

    assert login_name() == getpass.getuser()

    def no_login_name() -> str:
        raise OSError("no login name in a bare container")

    monkeypatch.setattr(getpass, "getuser", no_login_name)
    assert login_name() == "root"
    assert _ok(None).user == "root"


def test_unreadable_mycnf_is_ignored(tmp_path: Path) -> None:
    (tmp_path / ".my.cnf").write_bytes(b"[client\n\xff\xfe garbage = = =\n")
    assert _ok(None, {}, tmp_path).sources["host"] == "default"


@pytest.mark.parametrize(
    "url, env, part",
    [
        ("mysql://u@h:abc/db", {}, "port from URL argument"),
        ("mysql://u@h:0/db", {}, "port from URL argument"),
        ("mysql://u@h:65536/db", {}, "port from URL argument"),
        (None, {"MYSQL_PORT": "33o6"}, "port from MYSQL_PORT"),
        ("postgres://u@h/db", {}, "scheme in URL argument"),
        (None, {"DATABASE_URL": "redis://h:6379"}, "scheme in DATABASE_URL"),
        ("mysql://u@h/db?ssl-mode=sometimes", {}, "ssl-mode from URL argument"),
        ("just-a-host", {}, "URL argument"),
    ],
)
def test_config_errors_name_the_part(url: str | None, env: dict, part: str) -> None:
    assert _err(url, env).part == part


def test_unencoded_password_characters_never_leak_into_the_error() -> None:
    error = _err(f"mysql://u:{SECRET}/x@h/db")
    assert error.part == "password in URL argument"
    assert SECRET not in str(error)
    assert SECRET not in repr(error)


def test_password_is_masked_everywhere() -> None:
    s = _ok(f"mysql://tutor:{SECRET}@db.example.com:3306/shop")
    assert s.display_url() == "mysql://tutor:****@db.example.com:3306/shop"
    assert SECRET not in repr(s) and SECRET not in str(s) and SECRET not in f"{s}"
    assert "'****'" in repr(s)
    result = CheckResult(ok=False, category="auth", settings=s)
    assert SECRET not in result.to_json() and SECRET not in repr(result)


def test_config_error_json_shape() -> None:
    data = CheckResult.from_config_error(_err("mysql://u@h:x/db")).to_dict()
    assert list(data) == [
        "ok",
        "service",
        "category",
        "detected",
        "placement",
        "target",
        "server_version",
        "tls",
        "stages",
        "error",
        "advice",
    ]
    assert data["category"] == "config" and data["error"]["code"] is None
    assert data["service"] == "mysql" and data["detected"] is None
    assert data["advice"] == []
    assert set(data["target"]) == {"host", "port", "socket", "user", "database", "sources"}


def test_placement_classification() -> None:
    assert classify(via_socket=True, address=None, server_hostname=None)[0] == "internal"
    assert classify(via_socket=False, address="127.0.0.1", server_hostname=None)[0] == "internal"
    assert classify(via_socket=False, address="::1", server_hostname=None)[0] == "internal"
    # TEST-NET-3 is never one of this machine's addresses.
    assert classify(via_socket=False, address="203.0.113.7", server_hostname="db1")[0] == (
        "external"
    )


def test_an_address_of_this_machine_is_internal() -> None:
    from tutor.dbcheck.placement import is_loopback, local_addresses

    own = sorted(a for a in local_addresses() if not is_loopback(a))
    if not own:
        pytest.skip("this machine has no non-loopback interface address")
    placement, reason = classify(via_socket=False, address=own[0], server_hostname=None)
    assert placement == "internal" and "interfaces" in reason


def test_parse_ip_o_addr() -> None:
    out = (
        "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever\n"
        "4: eth0    inet6 fd00::2/64 scope global nodad \\       valid_lft forever\n"
    )
    assert parse_ip_o_addr(out) == {"127.0.0.1", "fd00::2"}
