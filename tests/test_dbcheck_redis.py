"""The Redis check against this machine's real Redis (127.0.0.1:6379, no password), a throwaway
redis-server of the test's own (with a password, or TLS), and real peers on 127.0.0.1.

Skips with the reason when no Redis answers, except under CI=true, where that fails. The shared
server is never reconfigured: the ACL user a test makes is deleted in its teardown.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from dbcheck_support import (
    SILENCE,
    assert_no_secret,
    closed_port,
    http_server,
    peer,
    require_or_skip,
    sends_then_closes,
    silent,
    speaks_when,
)
from waiting import HANG_GUARD, wait_until

from tutor.dbcheck import CheckResult, ConfigError, Settings, StageResult
from tutor.dbcheck.redis_probe import run_redis_check
from tutor.dbcheck.redis_settings import resolve_redis_settings

LIVE = "redis://127.0.0.1:6379"
SECRET = "Redis-S3cret-pw"
ALL_STAGES = ["dns", "connect", "greeting", "tls", "login", "database", "query"]


def _settings(url: str | None, env: dict[str, str] | None = None) -> Settings:
    settings = resolve_redis_settings(url, env=env or {})
    assert isinstance(settings, Settings), settings
    return settings


def _check(url: str, timeout: float = 3.0, **kwargs: object) -> CheckResult:
    result = run_redis_check(_settings(url), timeout=timeout, **kwargs)
    assert result.service == "redis"
    return result


def _failed(url: str, category: str, secret: str = SECRET, timeout: float = 3.0) -> CheckResult:
    result = _check(url, timeout=timeout)
    assert (result.ok, result.category) == (False, category), result.message
    assert result.message and result.hint
    assert_no_secret(secret, result.to_json(), result.message, result.hint, repr(result))
    return result


def _names(result: CheckResult) -> list[str]:
    return [stage.name for stage in result.stages]


# -- real servers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live_redis() -> Iterator[Any]:
    """A redis-py client of the shared server (for setting up users), or skip."""
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        require_or_skip(
            os.environ.get("CI", "").lower() == "true", f"no Redis at 127.0.0.1:6379: {error}"
        )
    yield client
    client.close()


@pytest.fixture
def acl_user(live_redis: Any) -> Iterator[tuple[str, str]]:
    """A user with a password on the shared server, deleted afterwards."""
    name = f"tutor_test_{secrets.token_hex(4)}"
    live_redis.execute_command("ACL", "SETUSER", name, "on", f">{SECRET}", "~*", "+@all")
    try:
        yield name, SECRET
    finally:
        live_redis.execute_command("ACL", "DELUSER", name)


@contextmanager
def _redis_server(tmp_path: Path, *args: str) -> Iterator[int]:
    """A throwaway redis-server on a free 127.0.0.1 port, stopped afterwards."""
    binary = shutil.which("redis-server")
    if not binary:
        pytest.skip("redis-server is not installed")
    port = closed_port()
    tls = "--tls-port" in args
    ports = ["--port", "0", "--tls-port", str(port)] if tls else ["--port", str(port)]
    command = [binary, *ports, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += [arg for arg in args if arg != "--tls-port"]
    process = subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_until(
            lambda: process.poll() is not None or _listening(port), what="redis-server to listen"
        )
        if process.poll() is not None:
            pytest.skip(f"redis-server would not start with {' '.join(args)}")
        yield port
    finally:
        process.terminate()
        process.wait(HANG_GUARD)


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def password_server(tmp_path: Path) -> Iterator[int]:
    with _redis_server(tmp_path, "--requirepass", SECRET) as port:
        yield port


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("openssl is not installed (needed to make a test certificate)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    made = subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        capture_output=True, timeout=HANG_GUARD, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    tls = ["--tls-cert-file", str(cert), "--tls-key-file", str(key)]
    tls += ["--tls-ca-cert-file", str(cert), "--tls-auth-clients", "no"]
    with _redis_server(tmp_path, "--tls-port", *tls) as port:
        yield port, cert


# -- settings -------------------------------------------------------------------------------------


def test_url_parts_and_their_sources() -> None:
    s = _settings(f"redis://app:{SECRET.replace('-', '%2D')}@cache.example.com:6380/2")
    assert (s.host, s.port, s.user, s.password, s.database) == (
        "cache.example.com", 6380, "app", SECRET, "2"
    )  # fmt: skip
    assert s.service == "redis" and s.ssl_mode is None
    assert set(s.sources.values()) == {"URL argument"}
    assert s.display_url() == "redis://app:****@cache.example.com:6380/2"
    assert SECRET not in repr(s) and SECRET not in str(s)


def test_redis_url_then_a_redis_database_url_then_defaults() -> None:
    from_env = _settings(None, {"REDIS_URL": f"rediss://:{SECRET}@10.0.0.5/3"})
    assert (from_env.host, from_env.port, from_env.database) == ("10.0.0.5", 6379, "3")
    assert from_env.ssl_mode == "REQUIRED" and from_env.user == ""
    assert from_env.sources["host"] == "REDIS_URL" and from_env.sources["port"] == "default"
    assert from_env.display_url() == "rediss://:****@10.0.0.5:6379/3"
    database_url = _settings(None, {"DATABASE_URL": "redis://db.internal:6390/1"})
    assert database_url.host == "db.internal" and database_url.sources["host"] == "DATABASE_URL"
    default = _settings(None, {"DATABASE_URL": "mysql://u:p@db/shop"})
    assert (default.host, default.port, default.database, default.password) == (
        "127.0.0.1", 6379, "0", None
    )  # fmt: skip
    assert default.sources == {"host": "default", "port": "default", "database": "default"}


def test_a_url_argument_borrows_nothing_from_redis_url() -> None:
    s = _settings("redis://other-host", {"REDIS_URL": f"redis://:{SECRET}@prod:6390/4"})
    assert (s.host, s.port, s.password, s.database) == ("other-host", 6379, None, "0")
    assert s.sources["host"] == "URL argument" and s.sources["database"] == "default"


def test_query_options_and_ipv6() -> None:
    s = _settings("rediss://[::1]:6380?db=5&ssl_ca_certs=/etc/ca.pem")
    assert (s.host, s.port, s.database, s.ssl_ca, s.ssl_mode) == (
        "::1", 6380, "5", "/etc/ca.pem", "REQUIRED"
    )  # fmt: skip


@pytest.mark.parametrize(
    "url, part, words",
    [
        ("redis://127.0.0.1:70000/0", "port", "out of range"),
        ("redis://127.0.0.1:63x9/0", "port", "not a number"),
        ("redis://127.0.0.1:6379/cache", "database", "not a database number"),
        ("http://127.0.0.1:6379/0", "scheme", "redis:// or rediss://"),
        ("127.0.0.1:6379", "URL argument", "not a URL"),
        (f"redis://{SECRET}@127.0.0.1/0", "user", "redis://:PASSWORD@HOST"),
        (f"redis://:{SECRET}/x@127.0.0.1/0", "password", "percent-encoded"),
    ],
)
def test_config_errors_name_the_part_and_never_the_password(
    url: str, part: str, words: str
) -> None:
    error = resolve_redis_settings(url, env={})
    assert isinstance(error, ConfigError)
    assert part in error.part and words in error.message
    result = CheckResult.from_config_error(error, "redis")
    assert result.category == "config" and result.service == "redis"
    assert "redis://" in (result.hint or "")
    assert_no_secret(SECRET, str(error), repr(error), result.to_json())


# -- the check against real servers ---------------------------------------------------------------


def test_ok_without_a_password(live_redis: Any) -> None:
    seen: list[StageResult] = []
    result = _check(f"{LIVE}/0", on_stage=seen.append)
    assert result.ok and result.category == "ok", result.message
    assert _names(result) == ALL_STAGES and seen == result.stages
    assert all(stage.ok for stage in result.stages)
    assert "+PONG" in result.stages[2].detail
    expected = live_redis.info("server")["redis_version"]
    assert result.server_version == expected
    assert result.placement == "internal" and result.tls is False
    assert result.to_dict()["target"]["database"] == "0"


def test_acl_user_with_its_password(acl_user: tuple[str, str]) -> None:
    user, password = acl_user
    result = _check(f"{LIVE}/1".replace("//", f"//{user}:{password}@", 1))
    assert result.ok, result.message
    assert f"user {user}" in result.stages[4].detail
    assert result.stages[5].detail.startswith("SELECT 1")
    assert_no_secret(password, result.to_json(), repr(result))


def test_wrong_password_is_auth(acl_user: tuple[str, str]) -> None:
    user, _ = acl_user
    result = _failed(f"redis://{user}:{SECRET}-wrong@127.0.0.1:6379/0", "auth")
    assert _names(result)[-1] == "login"
    assert "refused the user name and password" in (result.message or "")
    assert_no_secret(f"{SECRET}-wrong", result.to_json())


def test_a_password_for_a_redis_that_has_none_is_auth(live_redis: Any) -> None:
    result = _failed(f"redis://:{SECRET}@127.0.0.1:6379/0", "auth")
    assert "no password" in (result.message or "") and "Drop the password" in (result.hint or "")


def test_database_out_of_range_is_no_database(live_redis: Any) -> None:
    result = _failed(f"{LIVE}/999", "no-database")
    assert _names(result)[-1] == "database" and "out of range" in (result.message or "")
    assert result.placement == "internal"


def test_server_with_a_password(password_server: int) -> None:
    url = f"redis://127.0.0.1:{password_server}/0"
    missing = _failed(url, "auth")
    assert "-NOAUTH" in missing.stages[2].detail and missing.stages[2].ok
    assert "requires a password" in (missing.message or "")
    assert "redis://:PASSWORD@HOST:6379/0" in (missing.hint or "")
    good = _check(url.replace("//", f"//:{SECRET}@", 1))
    assert good.ok, good.message
    assert "password alone" in good.stages[4].detail
    wrong = _failed(url.replace("//", f"//:{SECRET}x@", 1), "auth", secret=f"{SECRET}x")
    assert "refused" in (wrong.message or "")


def test_rediss_to_a_plain_redis_is_tls(live_redis: Any) -> None:
    result = _failed("rediss://127.0.0.1:6379/0", "tls", timeout=1.0)
    assert _names(result) == ["dns", "connect", "tls"]
    assert "plain Redis" in (result.message or "") and "redis://" in (result.hint or "")


def test_rediss_to_a_tls_redis(tls_server: tuple[int, Path]) -> None:
    port, cert = tls_server
    result = _check(f"rediss://localhost:{port}/0?ssl_ca_certs={cert}")
    assert result.ok, result.message
    assert _names(result) == ["dns", "connect", "tls", "greeting", "login", "database", "query"]
    assert result.tls is True and "certificate verified" in result.stages[2].detail
    unverified = _failed(f"rediss://localhost:{port}/0", "tls")
    assert "could not be verified" in (unverified.message or "")
    plain = _failed(f"redis://127.0.0.1:{port}/0", "tls")
    assert "rediss://" in (plain.hint or "")


# -- peers that are not Redis ---------------------------------------------------------------------


def test_closed_port_is_refused() -> None:
    result = _failed(f"redis://:{SECRET}@127.0.0.1:{closed_port()}/0", "refused")
    assert _names(result) == ["dns", "connect"] and result.placement is None


def test_silent_listener_times_out_within_its_budget() -> None:
    stop = threading.Event()
    with peer(silent(stop)) as p:
        started = time.monotonic()
        result = _check(f"redis://:{SECRET}@127.0.0.1:{p.port}/0", timeout=1.0)
        ended = time.monotonic()
        stop.set()
    assert ended - started < 1.0 + 0.5
    assert result.category == "timeout" and _names(result) == ["dns", "connect", "greeting"]
    assert "nothing answered PING" in (result.message or "")
    assert_no_secret(SECRET, result.to_json())


def test_cancel_ends_the_check_promptly() -> None:
    stop, cancel = threading.Event(), threading.Event()
    seen: list[StageResult] = []
    box: dict[str, CheckResult] = {}
    with peer(silent(stop)) as p:
        settings = _settings(f"redis://127.0.0.1:{p.port}/0")
        worker = threading.Thread(
            target=lambda: box.setdefault(
                "r", run_redis_check(settings, timeout=SILENCE, on_stage=seen.append, cancel=cancel)
            )
        )
        worker.start()
        wait_until(lambda: len(seen) == 2, what="the dns and connect stages")
        assert worker.is_alive()  # waiting for an answer to PING that never comes
        cancel.set()
        worker.join(HANG_GUARD)
        assert not worker.is_alive(), f"hung: the cancelled check still runs after {HANG_GUARD} s"
        stop.set()
    result = box["r"]
    assert result.cancelled and not result.ok
    assert _names(result) == ["dns", "connect", "greeting"]
    assert result.stages[-1].detail == "cancelled"


def test_stages_are_reported_as_they_finish_and_protected_mode_is_named() -> None:
    speak = threading.Event()
    seen: list[StageResult] = []
    denied = b"-DENIED Redis is running in protected mode because protected mode is enabled\r\n"
    box: dict[str, CheckResult] = {}
    with peer(speaks_when(speak, denied)) as p:
        settings = _settings(f"redis://127.0.0.1:{p.port}/0")
        worker = threading.Thread(
            target=lambda: box.setdefault(
                "r", run_redis_check(settings, timeout=SILENCE, on_stage=seen.append)
            )
        )
        worker.start()
        wait_until(lambda: len(seen) == 2, what="the dns and connect stages")
        # The peer has not been told to answer yet: connect was reported mid-check.
        assert [stage.name for stage in seen] == ["dns", "connect"] and worker.is_alive()
        speak.set()
        worker.join(HANG_GUARD)
        assert not worker.is_alive(), f"hung: the check still runs after {HANG_GUARD} s"
    result = box["r"]
    assert result.category == "host-not-allowed" and "protected mode" in (result.message or "")
    assert result.placement == "internal"  # it is Redis, reached at a loopback address


def test_ssh_banner_is_another_service() -> None:
    with peer(sends_then_closes(b"SSH-2.0-OpenSSH_9.6\r\n")) as p:
        result = _failed(f"redis://127.0.0.1:{p.port}/0", "wrong-service")
    assert result.detected is not None and result.detected.service == "ssh"
    assert "not Redis" in (result.message or "")


def test_web_server_is_named() -> None:
    with http_server() as port:
        result = _failed(f"redis://127.0.0.1:{port}/0", "wrong-service")
    assert result.detected is not None and result.detected.service == "http"


def test_garbage_is_not_recognised() -> None:
    with peer(sends_then_closes(b"\x00\x01garbage\xff\r\n")) as p:
        result = _failed(f"redis://127.0.0.1:{p.port}/0", "not-recognised")
    assert "not a Redis reply" in (result.message or "")


def test_importing_the_check_does_not_import_redis_py() -> None:
    code = (
        "import sys, tutor.dbcheck.redis_probe, tutor.dbcheck.redis_settings; "
        "sys.exit(1 if 'redis' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
