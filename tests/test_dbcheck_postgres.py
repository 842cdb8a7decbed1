"""The PostgreSQL check: settings from each source, and run_pg_check against real servers.

The live tests use the cluster on 127.0.0.1:5432 and the password-checked role that
scripts/ensure-postgres sets up (TUTOR_TEST_PG_URL); they skip with the reason when it is not
there, except under CI=true, where that fails. Peers (silence, a closed port, a fake 'N') run on
127.0.0.1 ephemeral ports. Nothing is mocked.
"""

from __future__ import annotations

import getpass
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from dbcheck_support import (
    SILENCE,
    closed_port,
    http_server,
    peer,
    relay,
    replies_to_anything,
    require_or_skip,
    sends_then_closes,
    silent,
)
from waiting import HANG_GUARD, wait_until

from tutor.dbcheck import CheckResult, ConfigError, Settings, StageResult
from tutor.dbcheck.pg_probe import run_pg_check
from tutor.dbcheck.pg_settings import resolve_pg_settings

DEFAULT_LIVE_URL = "postgres://tutor_pw:tutor-pg-test-pw@127.0.0.1:5432/tutor_pw_db"
SUPERUSER_URL = "postgres://postgres@127.0.0.1:5432/postgres"
SECRET = "Wrong-PG-S3cret"
ALL_STAGES = ["dns", "connect", "greeting", "tls", "login", "database", "query"]
PG_VARIABLES = (
    "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE", "PGSSLROOTCERT",
    "PGPASSFILE",
)  # fmt: skip


@pytest.fixture(autouse=True)
def no_pg_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PG_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def _settings(url: str | None, env: dict | None = None, home: Path | None = None) -> Settings:
    found = resolve_pg_settings(url, env=env or {}, home=home or Path("/nonexistent-home"))
    assert isinstance(found, Settings), found
    return found


def _error(url: str | None, env: dict | None = None) -> ConfigError:
    found = resolve_pg_settings(url, env=env or {}, home=Path("/nonexistent-home"))
    assert isinstance(found, ConfigError), found
    return found


def _check(url: str, timeout: float = 5.0) -> CheckResult:
    return run_pg_check(_settings(url), timeout=timeout)


def _stages(result: CheckResult) -> list[tuple[str, bool]]:
    return [(stage.name, stage.ok) for stage in result.stages]


def _assert_no_secret(secret: str, result: CheckResult) -> None:
    texts = [result.to_json(), repr(result), result.message or "", result.hint or ""]
    texts += [stage.detail for stage in result.stages]
    for text in texts:
        assert secret not in text


# -- settings ---------------------------------------------------------------------------------


def test_defaults_are_libpq_s_except_the_host() -> None:
    s = _settings(None)
    user = getpass.getuser()
    assert (s.host, s.port, s.user, s.password, s.database) == ("127.0.0.1", 5432, user, None, user)
    assert s.service == "postgresql" and not s.uses_socket
    assert s.sources == dict.fromkeys(("host", "port", "user", "database"), "default")


def test_url_parts_are_percent_decoded_in_both_schemes() -> None:
    s = _settings("postgresql://st%40dent:p%40ss%2Fw%3Ard@db.example.com:5433/my%20db")
    assert (s.user, s.password, s.host, s.port, s.database) == (
        "st@dent", "p@ss/w:rd", "db.example.com", 5433, "my db",
    )  # fmt: skip
    s = _settings("postgres://u@[::1]:5440/db?sslmode=VERIFY-FULL&sslrootcert=/ca.crt")
    assert (s.host, s.port, s.ssl_mode, s.ssl_ca) == ("::1", 5440, "verify-full", "/ca.crt")
    assert s.sources["ssl_mode"] == "URL argument"
    assert "sslmode=verify-full" in s.display_url()


def test_precedence_url_then_database_url_then_pg_variables(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": "postgres://dburl-user@dburl-host/dburl-db",
        "PGHOST": "env-host",
        "PGPORT": "5999",
        "PGPASSWORD": "env-pw",
        "PGSSLMODE": "require",
    }
    s = _settings("postgres://url-host/url-db", env, tmp_path)
    assert (s.host, s.database, s.user, s.password, s.port, s.ssl_mode) == (
        "url-host", "url-db", "dburl-user", "env-pw", 5999, "require",
    )  # fmt: skip
    assert s.sources == {
        "host": "URL argument",
        "database": "URL argument",
        "user": "DATABASE_URL",
        "password": "PGPASSWORD",
        "port": "PGPORT",
        "ssl_mode": "PGSSLMODE",
    }


def test_a_database_url_of_another_service_is_not_read() -> None:
    s = _settings(None, {"DATABASE_URL": "mysql://root:pw@mysql-host/shop", "PGUSER": "app"})
    assert (s.host, s.user, s.database, s.password) == ("127.0.0.1", "app", "app", None)
    assert s.sources["database"] == "default"


def test_config_errors_name_the_part_and_never_the_password() -> None:
    cases = {
        f"postgres://u:{SECRET}@h:70000/db": "port",
        f"postgres://u:{SECRET}@h/db?sslmode=REQUIRED": "sslmode",
        f"mysql://u:{SECRET}@h/db": "scheme",
        f"postgres://u:{SECRET}@h/db?ssl=true": "sslmode=require",
        f"postgres://u:{SECRET}@h1,h2/db": "several hosts",
        f"postgres://u:{SECRET}/x@h/db": "percent-encoded",
    }
    for url, expected in cases.items():
        error = _error(url)
        assert expected in str(error), (url, str(error))
        assert SECRET not in str(error) and SECRET not in repr(error)
    assert "PGPORT" in str(_error(None, {"PGPORT": "five"}))


def test_the_password_is_masked_in_repr_and_display() -> None:
    s = _settings(f"postgres://app:{SECRET}@db/shop")
    for text in (repr(s), str(s), s.display_url()):
        assert SECRET not in text
    assert s.display_url() == "postgres://app:****@db:5432/shop"


def _pgpass(home: Path, text: str, mode: int = 0o600) -> Path:
    home.mkdir(exist_ok=True)
    path = home / ".pgpass"
    path.write_text(text)
    path.chmod(mode)
    return path


def test_pgpass_gives_the_password_of_the_first_matching_line(tmp_path: Path) -> None:
    _pgpass(
        tmp_path,
        "# comment line\n"
        "db:5432:other:app:not-this-one\n"
        "db:*:shop:app:pa\\:ss\\\\word\n"
        "*:*:*:*:fallback\n",
    )
    s = _settings("postgres://app@db/shop", home=tmp_path)
    assert s.password == "pa:ss\\word"
    assert s.sources["password"] == "~/.pgpass"
    assert _settings("postgres://someone@elsewhere/x", home=tmp_path).password == "fallback"
    # A password from any other source wins: libpq reads the file only when none is given.
    s = _settings("postgres://app@db/shop", {"PGPASSWORD": "env-pw"}, tmp_path)
    assert (s.password, s.sources["password"]) == ("env-pw", "PGPASSWORD")


def test_pgpass_fields_escape_colons_and_match_the_default_socket_as_localhost(
    tmp_path: Path,
) -> None:
    _pgpass(tmp_path, "localhost:5432:sh\\:op:app:socket-pw\n")
    s = _settings(None, {"PGHOST": "/var/run/postgresql", "PGUSER": "app", "PGDATABASE": "sh:op"},
                  tmp_path)  # fmt: skip
    assert s.uses_socket and s.socket == "/var/run/postgresql" and s.host == "localhost"
    assert s.sources["socket"] == s.sources["host"] == "PGHOST"
    assert s.password == "socket-pw"


def test_a_pgpass_others_may_read_is_skipped_as_libpq_does(tmp_path: Path) -> None:
    path = _pgpass(tmp_path, "*:*:*:*:open-secret\n", mode=0o644)
    s = _settings("postgres://app@db/shop", home=tmp_path)
    assert s.password is None and "password" not in s.sources
    path.chmod(0o600)
    assert _settings("postgres://app@db/shop", home=tmp_path).password == "open-secret"


def test_pgpassfile_names_another_password_file(tmp_path: Path) -> None:
    other = _pgpass(tmp_path / "elsewhere", "*:*:*:app:from-pgpassfile\n")
    s = _settings("postgres://app@db/shop", {"PGPASSFILE": str(other)})
    assert (s.password, s.sources["password"]) == ("from-pgpassfile", "PGPASSFILE")


# -- peers -------------------------------------------------------------------------------------


def test_closed_port_is_refused() -> None:
    result = _check(f"postgres://app:{SECRET}@127.0.0.1:{closed_port()}/shop")
    assert result.category == "refused" and not result.ok
    assert _stages(result) == [("dns", True), ("connect", False)]
    assert result.placement is None and "5432" in (result.hint or "")
    _assert_no_secret(SECRET, result)


def _in_a_thread(url: str, timeout: float, cancel: threading.Event | None = None):
    seen: list[StageResult] = []
    box: dict[str, CheckResult] = {}
    settings = _settings(url)
    worker = threading.Thread(
        target=lambda: box.setdefault(
            "r", run_pg_check(settings, timeout=timeout, on_stage=seen.append, cancel=cancel)
        )
    )
    worker.start()
    return worker, box, seen


def test_a_silent_listener_is_a_timeout_ended_by_the_budget() -> None:
    stop = threading.Event()
    with peer(silent(stop)) as p:
        worker, box, seen = _in_a_thread(f"postgres://app@127.0.0.1:{p.port}/shop", timeout=1.0)
        # The peer stays silent far longer (SILENCE): only the check's own budget can end it.
        worker.join(SILENCE)
        assert not worker.is_alive(), f"hung: the check still runs after {SILENCE} s"
        stop.set()
    result = box["r"]
    assert result.category == "timeout"
    assert _stages(result) == [("dns", True), ("connect", True), ("greeting", False)]
    assert "gave no answer to PostgreSQL's opening request" in (result.message or "")
    assert seen == result.stages


def test_cancel_during_the_silent_greeting_returns_promptly() -> None:
    stop, cancel = threading.Event(), threading.Event()
    with peer(silent(stop)) as p:
        url = f"postgres://app@127.0.0.1:{p.port}/shop"
        worker, box, seen = _in_a_thread(url, timeout=SILENCE, cancel=cancel)
        wait_until(lambda: len(seen) == 2, what="the dns and connect stages")
        assert worker.is_alive()  # waiting for an answer that never comes
        cancel.set()
        worker.join(HANG_GUARD)
        assert not worker.is_alive(), f"hung: the cancelled check still runs after {HANG_GUARD} s"
        stop.set()
    result = box["r"]
    assert result.cancelled and not result.ok
    assert seen == result.stages and seen[-1].detail == "cancelled"


def test_sslmode_require_fails_at_tls_when_the_server_answers_n() -> None:
    with peer(replies_to_anything(b"N")) as p:
        result = _check(f"postgres://app@127.0.0.1:{p.port}/shop?sslmode=require")
    assert result.category == "tls"
    assert _stages(result)[2:] == [("greeting", True), ("tls", False)]
    assert "sslmode=require" in (result.message or "") and result.placement == "internal"


def test_another_service_is_named_with_its_url() -> None:
    with peer(sends_then_closes(b"SSH-2.0-OpenSSH_9.6\r\n")) as p:
        result = _check(f"postgres://app@127.0.0.1:{p.port}/shop")
    assert result.category == "wrong-service"
    assert result.detected is not None and result.detected.service == "ssh"
    assert _stages(result)[-1] == ("greeting", False)


def test_a_web_server_silent_to_the_ssl_request_is_named_by_the_probes() -> None:
    with http_server() as port:
        result = _check(f"postgres://app@127.0.0.1:{port}/shop", timeout=2.0)
    assert result.category == "wrong-service"
    assert result.detected is not None and result.detected.service == "http"


# -- the live server -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live_url() -> str:
    url = os.environ.get("TUTOR_TEST_PG_URL", DEFAULT_LIVE_URL)
    result = _check(url, timeout=3)
    if not result.ok:
        in_ci = os.environ.get("CI", "").lower() == "true"
        require_or_skip(in_ci, f"no test PostgreSQL role at {_settings(url).display_url()} "
                        f"(run scripts/ensure-postgres): {result.message}")  # fmt: skip
    return url


def _with(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    user = changes.get("user", parts.username or "")
    password = changes.get("password", parts.password)
    auth = user + (f":{password}" if password else "")
    database = changes.get("database", parts.path.lstrip("/"))
    return (
        f"postgres://{auth}@{parts.hostname}:{changes.get('port', parts.port or 5432)}/{database}"
    )


def test_trust_superuser_passes_every_stage() -> None:
    seen: list[StageResult] = []
    result = run_pg_check(_settings(SUPERUSER_URL), timeout=5, on_stage=seen.append)
    if result.category == "auth":
        pytest.skip("this cluster does not trust the superuser on 127.0.0.1 (it is no test setup)")
    assert result.ok, result.message
    assert _stages(result) == [(name, True) for name in ALL_STAGES]
    assert seen == result.stages
    assert result.placement == "internal" and "loopback" in (result.placement_reason or "")
    import pg8000.native

    conn = pg8000.native.Connection("postgres", host="127.0.0.1", database="postgres", timeout=5)
    try:
        assert result.server_version == conn.run("SHOW server_version")[0][0]
    finally:
        conn.close()


def test_the_password_role_logs_in_with_its_password(live_url: str) -> None:
    result = _check(live_url)
    assert result.ok and result.category == "ok"
    assert _stages(result) == [(name, True) for name in ALL_STAGES]
    assert result.settings is not None and result.settings.sources["password"] == "URL argument"
    password = _settings(live_url).password
    if password:
        _assert_no_secret(password, result)


def test_a_wrong_password_is_auth_and_never_shown(live_url: str) -> None:
    result = _check(_with(live_url, password=SECRET))
    assert result.category == "auth" and "28P01" in (result.message or "")
    assert _stages(result)[-1] == ("login", False)
    assert result.placement == "internal"
    _assert_no_secret(SECRET, result)


def test_no_password_where_one_is_asked_for_says_so(live_url: str) -> None:
    result = _check(_with(live_url, password=""))
    assert result.category == "auth"
    assert "none was given" in (result.message or "")
    assert "~/.pgpass" in (result.hint or "")


def test_a_missing_database_fails_after_the_login(live_url: str) -> None:
    result = _check(_with(live_url, database="tutor_no_such_db"))
    assert result.category == "no-database" and "3D000" in (result.message or "")
    assert _stages(result)[-2:] == [("login", True), ("database", False)]


def test_an_unknown_role_is_auth(live_url: str) -> None:
    result = _check(_with(live_url, user="tutor_no_such_role", password=SECRET))
    assert result.category == "auth"
    _assert_no_secret(SECRET, result)


def test_pg_hba_refusing_the_client_address_is_host_not_allowed(live_url: str) -> None:
    """Through a relay from 127.0.0.2, an address the test cluster's pg_hba.conf does not list."""
    upstream = urlsplit(live_url)
    with peer(relay((upstream.hostname or "", upstream.port or 5432), "127.0.0.2")) as p:
        result = _check(_with(live_url, port=str(p.port)))
    if result.ok:
        pytest.skip("this server's pg_hba.conf lets 127.0.0.2 in")
    assert result.category == "host-not-allowed", result.message
    assert "28000" in (result.message or "") and "pg_hba.conf" in (result.hint or "")


def test_the_unix_socket_directory_is_internal() -> None:
    directory = "/var/run/postgresql"
    if not os.path.exists(f"{directory}/.s.PGSQL.5432"):
        pytest.skip(f"no PostgreSQL socket in {directory}")
    result = run_pg_check(_settings(None, {"PGHOST": directory, "PGUSER": "postgres"}), timeout=5)
    assert _stages(result)[:2] == [("connect", True), ("greeting", True)]
    assert result.placement == "internal" and "unix socket" in (result.placement_reason or "")
