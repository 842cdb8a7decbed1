"""`tutor check`: which service a check is about, and the command's exit codes and output."""

from __future__ import annotations

import json

import pytest

from tutor.cli import main
from tutor.dbcheck import ConfigError
from tutor.dbcheck.services import resolve_service_settings, service_for


@pytest.mark.parametrize(
    ("url", "requested", "env", "expected"),
    [
        ("mysql://u@h/db", None, {}, "mysql"),
        ("mariadb://u@h/db", None, {}, "mysql"),
        ("postgres://u@h/db", None, {}, "postgresql"),
        ("postgresql://u@h/db", "postgresql", {}, "postgresql"),
        ("rediss://h:6380/0", None, {}, "redis"),
        (None, "redis", {"DATABASE_URL": "postgres://u@h/db"}, "redis"),
        (None, None, {"DATABASE_URL": "postgres://u@h/db"}, "postgresql"),
        (None, None, {"DATABASE_URL": "redis://h/1"}, "redis"),
        (None, None, {}, "mysql"),
    ],
)
def test_the_url_then_the_option_then_database_url_decide(url, requested, env, expected) -> None:
    assert service_for(url, requested, env) == expected


@pytest.mark.parametrize(
    ("url", "requested", "words"),
    [
        ("ftp://h/x", None, "not a service tutor checks"),
        ("127.0.0.1:3306", None, "no scheme"),
        ("redis://h/0", "mysql", "--service says mysql"),
    ],
)
def test_a_url_that_cannot_be_checked_says_why(url, requested, words) -> None:
    problem = service_for(url, requested, {})
    assert isinstance(problem, ConfigError) and words in str(problem)


def test_a_database_url_for_another_service_is_not_read_as_mysql() -> None:
    settings = resolve_service_settings(
        "mysql", None, {"DATABASE_URL": "postgres://app:pw@db.example:5432/shop"}
    )
    assert not isinstance(settings, ConfigError)
    assert settings.service == "mysql" and "DATABASE_URL" not in settings.sources.values()


def test_check_reports_a_mysql_login_and_its_service(capsys) -> None:
    code = main(["check", "mysql://nobody:s3cret-pw@127.0.0.1:1/db", "--json", "--timeout", "2"])
    out = capsys.readouterr().out
    data = json.loads(out)
    assert code == 1 and data["service"] == "mysql" and data["category"] == "refused"
    assert "s3cret-pw" not in out


def test_usage_errors_exit_2_in_one_line(capsys) -> None:
    assert main(["check", "ftp://h/x"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "tutor check: config error:" in err
    assert main(["check", "--timeout", "0"]) == 2
    assert main(["check", "ftp://h/x", "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["category"] == "config"


@pytest.mark.parametrize(
    ("url", "service"),
    [
        ("postgres://postgres@127.0.0.1:5432/postgres", "postgresql"),
        ("redis://127.0.0.1:6379/0", "redis"),
    ],
)
def test_check_reaches_this_machine_s_postgresql_and_redis(url, service, capsys) -> None:
    code = main(["check", url, "--json", "--timeout", "5"])
    data = json.loads(capsys.readouterr().out)
    if data["category"] in ("refused", "auth"):
        pytest.skip(f"no {service} server to check here: {data['error']['message']}")
    assert (code, data["service"], data["category"]) == (0, service, "ok")
    assert data["placement"] == "internal"
    assert [stage["name"] for stage in data["stages"]][-1] == "query"


def test_without_a_url_database_url_s_scheme_picks_the_service(monkeypatch, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", "redis://:s3cret-pw@127.0.0.1:1/0")
    assert main(["check", "--json", "--timeout", "2"]) == 1
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["service"] == "redis" and data["category"] == "refused"
    assert data["target"]["sources"]["port"] == "DATABASE_URL"
    assert "s3cret-pw" not in out
