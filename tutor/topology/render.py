"""PROVISIONAL: a plain list rendering so the UI can be built against the API; to be replaced."""

from __future__ import annotations

from rich.text import Text

from tutor.content.model import Topology


def diagram(
    topology: Topology,
    width: int,
    *,
    placement: dict[str, str] | None = None,
    unknown: str | None = None,
) -> Text:
    lines = []
    for host in topology.hosts:
        lines.append(f"[{host.label}]")
        for service in host.services:
            mark = " ?" if service.id == unknown else ""
            lines.append(f"  - {service.label}{mark}")
    return Text("\n".join(line[:width] for line in lines))


def describe(
    topology: Topology,
    *,
    placement: dict[str, str] | None = None,
    unknown: str | None = None,
) -> str:
    return " ".join(f"'{h.label}' runs {len(h.services)} services." for h in topology.hosts)
