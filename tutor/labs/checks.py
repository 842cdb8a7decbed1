"""One function per check kind of tutor.content.lab_spec.CHECK_KINDS: `CHECKS[kind](params, ctx)`.

The MySQL checks live in tutor.labs.mysql_checks; here are the others: env-var, git-ignored,
redis-ping and postgres-login. Every check only reads, keeps within its time budget, and never
shows a password or a variable's value. A check raises tutor.dbcheck.wire.Cancelled when the
cancel event ends it; every other way it ends is an outcome.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping

from tutor.dbcheck.services import SERVICE_NAMES
from tutor.dbcheck.wire import Budget, OutOfTime, call_bounded
from tutor.labs import mysql_checks
from tutor.labs.login import RESTART, check_failure, resolve, run_service, source_problem
from tutor.labs.outcome import CheckOutcome, Context, failed, passed

Params = Mapping[str, str | int]
CheckFunction = Callable[[Params, Context], CheckOutcome]
NO_REPOSITORY = "not in a Git repository: nothing to commit it to"


def env_var(params: Params, ctx: Context) -> CheckOutcome:
    """Set and not blank in the environment tutor was given; the value is never shown."""
    kind, name = "env-var", str(params["name"])
    value = ctx.env.get(name)
    if value is not None and value.strip():
        return passed(kind, f"{name} is set (its value is not shown)")
    found = "is not set" if value is None else "is set but empty"
    return failed(
        kind,
        f"{name} {found} in the environment tutor runs in",
        f"Set it: `export {name}=...` with its value (or put it in the file your app loads "
        "its settings from, and load that)." + RESTART,
    )


def _service(kind: str, service: str, params: Params, ctx: Context) -> CheckOutcome:
    """redis-ping and postgres-login: the staged check as `tutor check` runs it, then `expect`."""
    name = SERVICE_NAMES[service]
    settings = resolve(kind, service, ctx)
    if isinstance(settings, CheckOutcome):
        return settings
    source = params.get("source")
    if source and (problem := source_problem(kind, settings, str(source), ctx)) is not None:
        return problem
    result = run_service(settings, ctx.budget())
    if not result.ok:
        return check_failure(kind, settings, result)
    expect = params.get("expect")
    if expect:
        return mysql_checks.placement_outcome(kind, name, settings, result, str(expect))
    done = "answered PING" if service == "redis" else f"logged in as {settings.user}"
    placement = f" ({result.placement})" if result.placement else ""
    return passed(kind, f"{name} at {mysql_checks.where(settings)} {done}{placement}")


def redis_ping(params: Params, ctx: Context) -> CheckOutcome:
    return _service("redis-ping", "redis", params, ctx)


def postgres_login(params: Params, ctx: Context) -> CheckOutcome:
    return _service("postgres-login", "postgresql", params, ctx)


# -- git-ignored -------------------------------------------------------------------------------


class _GitFailed(Exception):
    pass


def _git(ctx: Context, budget: Budget, *args: str) -> subprocess.CompletedProcess[str]:
    """`git -C CWD ARGS`, read only, within the budget. Git sees `home` as HOME, so its global
    ignore file is the learner's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"HOME": str(ctx.home), "LC_ALL": "C"}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "-C", str(ctx.cwd), *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=max(0.1, budget.remaining()),
            check=False,
        )

    try:
        return call_bounded(run, budget)
    except (OutOfTime, subprocess.TimeoutExpired):
        raise _GitFailed(f"`git {args[0]}` did not answer within {ctx.timeout:g} s") from None
    except FileNotFoundError:
        raise _GitFailed("git is not installed (no `git` command)") from None


def git_ignored(params: Params, ctx: Context) -> CheckOutcome:
    """In cwd's repository: ignored by Git and not tracked. Outside a repository it passes
    (nothing can be committed there), saying so."""
    kind, path = "git-ignored", str(params["path"])
    budget = ctx.budget()
    try:
        top = _git(ctx, budget, "rev-parse", "--show-toplevel")
        if top.returncode != 0:
            if "not a git repository" in top.stderr.lower():
                return passed(kind, f"{ctx.cwd} is {NO_REPOSITORY}")
            raise _GitFailed(_first_line(top.stderr))
        tracked = _git(ctx, budget, "ls-files", "--error-unmatch", "--", path)
        if tracked.returncode == 0:
            rule = _git(ctx, budget, "check-ignore", "-q", "--no-index", "--", path)
            return _tracked(kind, path, ctx, listed=rule.returncode == 0)
        ignored = _git(ctx, budget, "check-ignore", "-v", "--", path)
    except _GitFailed as error:
        return failed(
            kind,
            f"asking Git about {path} in {ctx.cwd}: {error}",
            f"Run `git status` in {ctx.cwd} to see what Git says, fix that, then check again.",
        )
    if ignored.returncode == 0:
        source = ignored.stdout.partition("\t")[0].split(":", 2)
        said = f"{source[2]} ({source[0]}:{source[1]})" if len(source) == 3 else "in Git"
        return passed(kind, f"{path} is ignored by the rule {said} and not tracked by Git")
    if ignored.returncode != 1:
        return failed(
            kind,
            f"asking Git whether {path} is ignored: {_first_line(ignored.stderr)}",
            "Check the path the lab names: it must be inside this repository.",
        )
    return failed(
        kind,
        f"{path} is not ignored by Git in {top.stdout.strip()}: `git add .` would commit it",
        f"Add it to the ignore list, in {ctx.cwd}: `echo '{path}' >> .gitignore`, "
        "then check again.",
    )


def _tracked(kind: str, path: str, ctx: Context, *, listed: bool) -> CheckOutcome:
    if listed:
        rule = "It is in .gitignore, but Git ignores only files it does not track yet."
        add = ""
    else:
        rule = "It is not in .gitignore either."
        add = f", add it to the ignore list (`echo '{path}' >> .gitignore`)"
    return failed(
        kind,
        f"{path} is tracked by Git (git ls-files lists it): every commit includes it. {rule}",
        f"In {ctx.cwd}, stop tracking it (your file stays): `git rm --cached {path}`{add}, "
        "then commit. The earlier commits still hold it: change any secret it held.",
    )


def _first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "git failed without saying why"


CHECKS: dict[str, CheckFunction] = {
    "mysql-login": mysql_checks.mysql_login,
    "mysql-placement": mysql_checks.mysql_placement,
    "mysql-database": mysql_checks.mysql_database,
    "mysql-not-root": mysql_checks.mysql_not_root,
    "mysql-least-privilege": mysql_checks.mysql_least_privilege,
    "mysql-rows": mysql_checks.mysql_rows,
    "env-var": env_var,
    "git-ignored": git_ignored,
    "redis-ping": redis_ping,
    "postgres-login": postgres_login,
}
