"""What a diagram shows: the topology after a placement preview, and any detached service.

Both `diagram()` and `describe()` start here, so the picture and its description always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.content.model import Host, Link, PlacementVerdict, Service, Topology
from tutor.topology import styles

SEPARATE_HOST_ID = "__separate_host__"
SEPARATE_HOST_LABEL = "Separate host"
DETACHED_ID = "__detached__"


@dataclass(frozen=True)
class Preview:
    service: Service
    asked: str  # internal | external: what the preview was asked to show
    placement: PlacementVerdict  # what the placement rule makes of the picture as drawn
    host: Host  # where the preview draws it
    # The app whose point of view judges it (the question's `app:`), when that app uses it.
    app: Service | None = None


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

    def placement_of(self, service_id: str, app_id: str | None = None) -> PlacementVerdict | None:
        """The placement rule on the picture as drawn, for every app that uses the service or
        from one app's point of view (`Topology.placement_of`); None for the detached
        service."""
        if app_id is None:
            return self.topology.placement_of(service_id)
        return self.topology.placement_of(service_id, app_id)

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


def _viewer(topology: Topology, service_id: str, app_id: str | None) -> Service | None:
    """The app `app_id` when it uses the service: the point of view that judges it."""
    return next((a for a in topology.apps_using(service_id) if a.id == app_id), None)


def _app_host(topology: Topology, service_id: str, app_id: str | None) -> Host | None:
    """Where "internal" puts the service: the host of the app whose point of view is asked
    for, when it uses the service, else of the first app that uses it."""
    apps = topology.apps_using(service_id)
    app = _viewer(topology, service_id, app_id) or (apps[0] if apps else None)
    return topology.host_of(app.id) if app else None


def _take_place_of(order: list[str], origin: str, kept: bool, key: str) -> None:
    """Put `key` where the host `origin` is drawn: just after it (and after what was put there
    before) when it stays, in its place when the move left it empty. So a preview or a
    detached service never moves the other boxes: they stay in the order the scenario gives."""
    if key in order:
        order.remove(key)
    if origin not in order:
        order.append(key)
        return
    index = order.index(origin)
    if not kept:
        order[index] = key
        return
    index += 1
    while index < len(order) and order[index].startswith((SEPARATE_HOST_ID, DETACHED_ID)):
        index += 1
    order.insert(index, key)


def build_scene(
    topology: Topology,
    placement: dict[str, str] | None = None,
    unknown: str | None = None,
    app: str | None = None,
) -> Scene:
    """Apply placement previews, then detach the unknown service (a preview of it wins).

    "internal" moves the service into the host of the app `app` (a placement question's
    `app:`, the point of view it asks from) when that app uses it, else of the first app that
    uses it; "external" onto a host of its own. A service no app uses has no app host to move
    into, so either preview puts it on a host of its own. Each preview's placement is then the
    placement rule's answer for the picture as drawn, never a guess of its own: from `app`'s
    point of view when it uses the service, else for every app that uses it (which may be
    "shared").
    """
    placement = placement or {}
    links = topology.links
    hosts = list(topology.hosts)
    originally_empty = {h.id for h in hosts if not h.services}
    order = [h.id for h in hosts]
    moved: list[tuple[Service, str]] = []  # (service, what the preview asked)
    for service_id, where in placement.items():
        current = Topology(tuple(hosts), links)
        service = current.service(service_id)
        if service is None or where not in ("internal", "external"):
            continue
        anchor = _app_host(current, service_id, app)
        origin = current.host_of(service_id)
        assert origin is not None  # current.service() found it on a host
        hosts = _without(hosts, service_id, originally_empty)
        if where == "internal" and anchor is not None:
            hosts = [
                Host(h.id, h.label, h.kind, (*h.services, service)) if h.id == anchor.id else h
                for h in hosts
            ]
        else:
            host_id = SEPARATE_HOST_ID if service_id == next(iter(placement)) else None
            host_id = host_id or f"{SEPARATE_HOST_ID}{service_id}"
            hosts.append(Host(host_id, SEPARATE_HOST_LABEL, "server", (service,)))
            stays = any(h.id == origin.id for h in hosts)
            _take_place_of(order, origin.id, stays, host_id)
        moved.append((service, where))
    current = Topology(tuple(hosts), links)
    previews: list[Preview] = []
    for service, asked in moved:
        viewer = _viewer(current, service.id, app)
        verdict = (
            current.placement_of(service.id, viewer.id)
            if viewer
            else current.placement_of(service.id)
        )
        target = current.host_of(service.id)
        assert verdict is not None and target is not None  # it was just put on a host
        previews.append(Preview(service, asked, verdict, target, viewer))
    detached = None
    previewed = {preview.service.id for preview in previews}
    if unknown and unknown not in previewed and current.service(unknown) is not None:
        detached = current.service(unknown)
        origin = current.host_of(unknown)
        assert origin is not None
        hosts = _without(hosts, unknown, originally_empty)
        _take_place_of(order, origin.id, any(h.id == origin.id for h in hosts), DETACHED_ID)
    kept = {h.id for h in hosts}
    order = [key for key in order if key in kept or (key == DETACHED_ID and detached)]
    drawn = Topology(tuple(hosts), links)
    known = {s.id for s in drawn.services()} | ({detached.id} if detached else set())
    visible = tuple(k for k in links if k.source in known and k.target in known)
    return Scene(drawn, detached, tuple(previews), tuple(order), visible)
