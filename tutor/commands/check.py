"""`tutor check`: check a live backing service (MySQL, PostgreSQL or Redis) stage by stage."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    from tutor.commands._check import add_check_options

    parser = subparsers.add_parser(
        "check",
        help="check a live MySQL, PostgreSQL or Redis service and explain what it found",
        description=(
            "Check a live backing service stage by stage (dns, connect, greeting, tls, login, "
            "database, query), explain any failure with its fix, name what answers when it is "
            "another service, and say whether it is an internal or an external backing "
            "service. The URL's scheme picks the service; without a URL, --service does; "
            "else DATABASE_URL's scheme when it is set; else MySQL. Settings then come from "
            "the URL, else the service's own sources: for MySQL as 'tutor check-db'; for "
            "PostgreSQL DATABASE_URL, PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, "
            "~/.pgpass, then libpq's defaults; for Redis REDIS_URL, then 127.0.0.1:6379. "
            "Exit 0 when it passes, 1 when it fails, 2 for a usage or settings error."
        ),
    )
    parser.add_argument(
        "url",
        nargs="?",
        metavar="URL",
        help="mysql://USER:PASSWORD@HOST:3306/DATABASE, "
        "postgres://USER:PASSWORD@HOST:5432/DATABASE?sslmode=require, "
        "redis://USER:PASSWORD@HOST:6379/0 or rediss://... (TLS)",
    )
    parser.add_argument(
        "--service",
        choices=("mysql", "postgresql", "redis"),
        help="which service's settings to read when no URL is given",
    )
    add_check_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from tutor.commands._check import EXIT_USAGE, run_check_command, timeout_problem
    from tutor.dbcheck import ConfigError
    from tutor.dbcheck.services import resolve_service_settings, service_for

    if timeout_problem(args, "check"):
        return EXIT_USAGE
    service = service_for(args.url, args.service)
    if isinstance(service, ConfigError):
        return run_check_command(args, "check", service, args.service or "mysql")
    settings = resolve_service_settings(service, args.url)
    return run_check_command(args, "check", settings, service)
