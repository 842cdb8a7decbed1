"""Markers, words and Rich styles for hosts, services and links.

The plain text must read well without colour: every distinction drawn in colour is also
written out (a [DB] marker, "☁ managed", a dashed box with "?").
"""

from __future__ import annotations

SERVICE_MARKERS = {
    "app": "[app]",
    "relational-database": "[DB]",
    "document-database": "[docDB]",
    "cache": "[cache]",
    "secrets": "[secrets]",
    "queue": "[queue]",
    "other": "[svc]",
}

SERVICE_WORDS = {
    "app": "app",
    "relational-database": "relational database",
    "document-database": "document database",
    "cache": "cache",
    "secrets": "secrets store",
    "queue": "queue",
    "other": "service",
}

HOST_KIND_LABELS = {
    "workstation": "workstation",
    "vm": "VM",
    "ci-runner": "CI runner",
    "managed-service": "☁ managed",
    "container": "container",
    "server": "server",
}

HOST_KIND_WORDS = {
    "workstation": "a workstation",
    "vm": "a virtual machine",
    "ci-runner": "a CI runner",
    "managed-service": "a managed cloud service",
    "container": "a container",
    "server": "a server",
}

SERVICE_STYLES = {
    "app": "bold cyan",
    "relational-database": "bold magenta",
    "document-database": "bold green",
    "cache": "bold red",
    "secrets": "bold yellow",
    "queue": "bold blue",
    "other": "bold",
}

BORDER = "bright_black"
MANAGED_BORDER = "blue"
DETACHED = "yellow"
HOST_LABEL = "bold"
HOST_KIND = "italic"
MANAGED_KIND = "bold blue"
LINK_LINE = "dim"
LINK_LABEL = "dim"
UNKNOWN_MARK = "bold yellow"
LEGEND_TITLE = "bold"

SAME_HOST = "same host"
NETWORK = "network"
UNKNOWN = "?"


def marker(kind: str) -> str:
    return SERVICE_MARKERS.get(kind, "[svc]")


def service_style(kind: str) -> str:
    return SERVICE_STYLES.get(kind, "bold")


def host_kind_label(kind: str) -> str:
    return HOST_KIND_LABELS.get(kind, kind)
