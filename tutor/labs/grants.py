"""Least privilege, read from the lines of SHOW GRANTS (pure: no connection here).

An app's account passes when it holds no global privilege but USAGE, no GRANT OPTION anywhere,
no PROXY, and rights only on the one database (`shop`.*, or tables and routines in it); it must
hold at least one right there, or the app could not use its database. A grant on a name pattern
(`shop%`.*) reaches other databases, so it does not count as that database. A role granted to
the account (`GRANT role TO user`) is not followed: only the lines SHOW GRANTS lists are read.
A line is never shown as it is (MariaDB puts the password hash in one): only its privileges and
what they are on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

EVERY_DATABASE = "*"
_GRANT = re.compile(r"^\s*GRANT\s+(?P<privileges>.+?)\s+ON\s+(?P<target>.+?)\s+TO\s", re.I | re.S)
_WITH_GRANT_OPTION = re.compile(r"\bWITH\s+GRANT\s+OPTION\b", re.I)
_OBJECT_TYPE = re.compile(r"^(?:TABLE|FUNCTION|PROCEDURE|PACKAGE\s+BODY|PACKAGE)\s+", re.I)
_BARE_NAME = re.compile(r"[^.\s]+")


@dataclass(frozen=True)
class Grant:
    privileges: tuple[str, ...]  # upper case, without column lists: ("SELECT", "INSERT")
    target: str  # as SHOW GRANTS wrote it: "*.*", "`shop`.*", "`shop`.`orders`"
    database: str | None  # "*" for every database; None for PROXY and forms not understood
    grant_option: bool


def parse_grants(lines: Iterable[str]) -> list[Grant]:
    """The GRANT ... ON ... TO lines; other lines (role grants, REVOKE) are left out."""
    found = []
    for line in lines:
        match = _GRANT.match(line)
        if match is None:
            continue
        privileges = tuple(_privileges(match["privileges"]))
        target = " ".join(match["target"].split())
        database = None if privileges == ("PROXY",) else _database_of(target)
        found.append(Grant(privileges, target, database, bool(_WITH_GRANT_OPTION.search(line))))
    return found


def _privileges(text: str) -> list[str]:
    """ "SELECT (`id`, `name`), INSERT" -> ["SELECT", "INSERT"]: commas inside () are columns."""
    names, depth, word = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            names.append(word)
            word = ""
        else:
            word += char
    names.append(word)
    return [" ".join(name.split("(")[0].split()).upper() for name in names if name.strip()]


def _database_of(target: str) -> str | None:
    """The database a grant is on ("*" for every one), its escapes undone; None if unclear."""
    text = _OBJECT_TYPE.sub("", target)
    if text.startswith("*"):
        return EVERY_DATABASE if text in ("*", "*.*") else None
    if text.startswith("`"):
        name, end, index = "", False, 1
        while index < len(text):
            if text[index] == "`":
                if text[index + 1 : index + 2] != "`":
                    end = True
                    break
                index += 1
            name += text[index]
            index += 1
        rest = text[index + 1 :] if end else ""
        if not end:
            return None
    else:
        match = _BARE_NAME.match(text)
        if match is None:
            return None
        name, rest = match.group(), text[match.end() :]
    if not rest.startswith("."):  # `ON name` alone means a table of the current database
        return None
    return name.replace("\\_", "_").replace("\\%", "%")


def problems(grants: Iterable[Grant], database: str) -> list[str]:
    """What reaches beyond `database`, one plain phrase per grant; empty when nothing does."""
    found = []
    for grant in grants:
        rights = ", ".join(grant.privileges)
        if grant.database is None:
            found.append(f"{rights} on {grant.target}, which reaches past {database}")
        elif grant.database == EVERY_DATABASE:
            extra = [p for p in grant.privileges if p != "USAGE"]
            if extra:
                found.append(f"{', '.join(extra)} on every database (*.*)")
        elif grant.database != database:
            found.append(f"{rights} on {grant.target}, which is not {database}")
        if grant.grant_option:
            found.append(f"GRANT OPTION on {grant.target}: it may hand its rights to others")
    return found


def has_rights_on(grants: Iterable[Grant], database: str) -> bool:
    """At least one privilege other than USAGE on the database itself, or on a part of it."""
    return any(
        grant.database == database and any(p != "USAGE" for p in grant.privileges)
        for grant in grants
    )
