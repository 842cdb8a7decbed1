"""What a diagram shows: the topology after a placement preview, and any detached service.

Both `diagram()` and `describe()` start here, so the picture and its description always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.content.model import Host, Link, Service, Topology
from tutor.topology import styles

SEPARATE_HOST_ID = "__separate_host__"
SEPARATE_HOST_LABEL = "Separate host"
DETACHED_ID = "__detached__"


@dataclass(frozen=True)
class Preview:
    service: Service
    placement: str  # internal | external
    host: Host  # where the preview draws it


@dataclass(frozen=True)
class Scene:
    topology: Topology  # the hosts as drawn (the detached service is in none of them)
    detached: Service | None = None
    previews: tuple[Preview, ...] = ()
    order: tuple[str, ...] = field(default=())  # box keys left to right: host ids, DETACHED_ID
    drawn_links: tuple[Link, ...] = ()

    def host_key_of(self, service_id: str) -> str | None:
        if self.detached is not None and self.detached.id == service_id:
            return DETACHED_ID
        host = self.topology.host_of(service_id)
        return host.id if host else None

    def service(self, service_id: str) -> Service | None:
        if self.detached is not None and self.detached.id == service_id:
            return self.detached
        return self.topology.service(service_id)

    def link_label(self, link: Link) -> str:
        """ "?" for a link to the detached service, "same host" or "network" otherwise."""
        a, b = self.host_key_of(link.source), self.host_key_of(link.target)
        if DETACHED_ID in (a, b):
            return styles.UNKNOWN
        return styles.SAME_HOST if a == b else styles.NETWORK

    def links(self) -> list[Link]:
        """The links whose both ends are drawn (a link naming a missing service is left out)."""
        return list(self.drawn_links)


def _without(hosts: list[Host], service_id: str, keep_empty: set[str]) -> list[Host]:
    out = []
    for host in hosts:
        services = tuple(s for s in host.services if s.id != service_id)
        if services or host.id in keep_empty:
            out.append(Host(host.id, host.label, host.kind, services))
    return out


def _app_host(topology: Topology, service_id: str) -> Host | None:
    apps = topology.apps_using(service_id) or [
        s for s in topology.services() if s.kind == "app" and s.id != service_id
    ]
    for app in apps:
        host = topology.host_of(app.id)
        if host is not None:
            return host
    return None


def _insert_after(order: list[str], anchor: str | None, key: str) -> None:
    if key in order:
        order.remove(key)
    if anchor in order:
        order.insert(order.index(anchor) + 1, key)
    else:
        order.append(key)


def build_scene(
    topology: Topology,
    placement: dict[str, str] | None = None,
    unknown: str | None = None,
) -> Scene:
    """Apply placement previews, then detach the unknown service (a preview of it wins)."""
    placement = placement or {}
    links = topology.links
    hosts = list(topology.hosts)
    originally_empty = {h.id for h in hosts if not h.services}
    order = [h.id for h in hosts]
    previews: list[Preview] = []
    for service_id, where in placement.items():
        current = Topology(tuple(hosts), links)
        service = current.service(service_id)
        if service is None or where not in ("internal", "external"):
            continue
        anchor = _app_host(current, service_id)
        hosts = _without(hosts, service_id, originally_empty)
        if where == "internal" and anchor is not None:
            hosts = [
                Host(h.id, h.label, h.kind, (*h.services, service)) if h.id == anchor.id else h
                for h in hosts
            ]
            target = next(h for h in hosts if h.id == anchor.id)
        else:
            host_id = SEPARATE_HOST_ID if service_id == next(iter(placement)) else None
            host_id = host_id or f"{SEPARATE_HOST_ID}{service_id}"
            target = Host(host_id, SEPARATE_HOST_LABEL, "server", (service,))
            hosts.append(target)
            _insert_after(order, anchor.id if anchor else None, host_id)
        actual = "internal" if where == "internal" and anchor is not None else "external"
        previews.append(Preview(service, actual, target))
    detached = None
    current = Topology(tuple(hosts), links)
    previewed = {preview.service.id for preview in previews}
    if unknown and unknown not in previewed and current.service(unknown) is not None:
        detached = current.service(unknown)
        anchor = _app_host(current, unknown)
        hosts = _without(hosts, unknown, originally_empty)
        _insert_after(order, anchor.id if anchor else None, DETACHED_ID)
    kept = {h.id for h in hosts}
    order = [key for key in order if key in kept or (key == DETACHED_ID and detached)]
    drawn = Topology(tuple(hosts), links)
    known = {s.id for s in drawn.services()} | ({detached.id} if detached else set())
    visible = tuple(k for k in links if k.source in known and k.target in known)
    return Scene(drawn, detached, tuple(previews), tuple(order), visible)
