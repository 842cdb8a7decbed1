"""describe(): the diagram in words, for screen readers and for copying.

It reads the same scene as diagram(), so a preview or an unplaced service is described
exactly as it is drawn.
"""

from __future__ import annotations

from tutor.content.model import Host, Link, Service, Topology
from tutor.topology import styles
from tutor.topology.scene import DETACHED_ID, Scene, build_scene


def _list(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _service_words(service: Service) -> str:
    return f"'{service.label}' ({styles.SERVICE_WORDS.get(service.kind, 'service')})"


def _host_sentence(host: Host) -> str:
    kind = styles.HOST_KIND_WORDS.get(host.kind, f"a {host.kind}")
    sentence = f"The host '{host.label}' is {kind}"
    if host.kind == "managed-service":
        sentence += ", run for you by a cloud provider"
    if not host.services:
        return sentence + ", with no services on it."
    return sentence + f". It runs {_list([_service_words(s) for s in host.services])}."


def _other_end(link: Link, service_id: str) -> str | None:
    if link.source == service_id:
        return link.target
    if link.target == service_id:
        return link.source
    return None


def _use_sentence(scene: Scene, app: Service, used: Service, first: bool) -> str:
    verb = "It uses" if first else "It also uses"
    if scene.detached is not None and used.id == scene.detached.id:
        return f"{verb} '{used.label}', which is not placed yet."
    same_host = scene.host_key_of(used.id) == scene.host_key_of(app.id)
    if same_host:
        where = f"{verb} '{used.label}', which runs on the same host"
    else:
        host = scene.topology.host_of(used.id)
        label = host.label if host else "another host"
        where = (
            f"{verb} '{used.label}', which runs on '{label}', another host reached over the network"
        )
    if used.kind == "app":
        return where + " (an app)."
    if scene.detached is not None and app.id == scene.detached.id:
        return where + "."  # the app is not placed: nothing to judge from yet
    # This app's point of view: internal exactly when the service runs on its host. A service
    # that apps on different hosts use is internal to some and external to others.
    verdict = scene.placement_of(used.id, app.id)
    if scene.placement_of(used.id) == "shared":
        return where + f": an {verdict} backing service for this app."
    return where + f": an {verdict} backing service."


def _labels(services: list[Service]) -> str:
    return _list([f"'{service.label}'" for service in services])


def _shared_words(scene: Scene, service_id: str) -> str:
    """ "internal to 'A' and external to 'B' and 'C'": each app's verdict on a shared service."""
    host_key = scene.host_key_of(service_id)
    apps = scene.topology.apps_using(service_id)
    beside = [a for a in apps if scene.host_key_of(a.id) == host_key]
    away = [a for a in apps if scene.host_key_of(a.id) != host_key]
    return f"internal to {_labels(beside)} and external to {_labels(away)}"


def _shared_sentences(scene: Scene) -> list[str]:
    """Backing services that apps on different hosts use: internal to the apps beside them,
    external to the others, said once for each service."""
    out = []
    for service in scene.topology.services():
        if service.kind == "app" or scene.placement_of(service.id) != "shared":
            continue
        host = scene.topology.host_of(service.id)
        assert host is not None  # the rule found it on a host
        out.append(
            f"'{service.label}' is shared by apps on different hosts, so whether it is "
            f"internal depends on the app: on '{host.label}', it is "
            f"{_shared_words(scene, service.id)}."
        )
    return out


def _app_paragraph(scene: Scene, app: Service, said: set[Link]) -> str:
    host = scene.topology.host_of(app.id)
    sentences = [f"The app '{app.label}' runs on '{host.label if host else 'no host'}'."]
    for link in scene.links():
        other_id = _other_end(link, app.id)
        other = scene.service(other_id) if other_id else None
        if other is None or link in said:
            continue
        said.add(link)
        sentences.append(_use_sentence(scene, app, other, len(sentences) == 1))
    if len(sentences) == 1:
        sentences.append("It uses no backing service in this picture.")
    return " ".join(sentences)


def _link_sentence(scene: Scene, link: Link) -> str:
    a, b = scene.service(link.source), scene.service(link.target)
    assert a is not None and b is not None
    label = scene.link_label(link)
    how = {
        styles.SAME_HOST: "on the same host",
        styles.NETWORK: "over the network",
        styles.UNKNOWN: "by a link whose kind is not known yet",
    }[label]
    return f"'{a.label}' is linked to '{b.label}' {how}."


def _preview_sentence(scene: Scene) -> list[str]:
    out = []
    for preview in scene.previews:
        name, host = preview.service.label, preview.host.label
        viewer = f" for '{preview.app.label}'" if preview.app else ""
        if preview.placement == "internal":
            whose = f"'{preview.app.label}'" if preview.app else "the app that uses it"
            out.append(
                f"Preview: '{name}' is shown inside '{host}', "
                f"the host of {whose}, as an internal backing service{viewer}."
            )
        elif preview.placement == "external":
            out.append(
                f"Preview: '{name}' is shown on a host of its own, "
                f"'{host}', as an external backing service{viewer}."
            )
        elif preview.placement == "shared":
            out.append(
                f"Preview: '{name}' is shown inside '{host}', the host of one of the apps "
                f"that use it, which are on different hosts: it is "
                f"{_shared_words(scene, preview.service.id)}."
            )
        elif preview.asked == "internal":
            out.append(
                f"Preview: '{name}' cannot be shown inside an app's host, because no app uses "
                f"it: it is shown on a host of its own, '{host}', neither internal nor external."
            )
        else:
            out.append(
                f"Preview: '{name}' is shown on a host of its own, '{host}'; no app uses it, "
                "so it is neither internal nor external."
            )
    return out


def _unused_sentences(scene: Scene) -> list[str]:
    """Backing services no app uses, in words, since the picture shows them only by a missing
    link (a previewed one is already said by its preview sentence)."""
    previewed = {preview.service.id for preview in scene.previews}
    return [
        f"No app uses '{service.label}' (no link joins it to an app), so it is neither "
        "internal nor external."
        for service in scene.topology.services()
        if service.kind != "app"
        and service.id not in previewed
        and scene.placement_of(service.id) == "unused"
    ]


def describe_scene(scene: Scene) -> str:
    paragraphs: list[str] = []
    hosts = scene.topology.hosts
    count = f"{len(hosts)} host" + ("s" if len(hosts) != 1 else "")
    paragraphs.append(f"The diagram shows {count}.")
    paragraphs += _preview_sentence(scene)
    by_id = {h.id: h for h in hosts}
    for key in scene.order:
        if key in by_id:
            paragraphs.append(_host_sentence(by_id[key]))
    if scene.detached is not None:
        paragraphs.append(
            f"'{scene.detached.label}' is not placed yet: it is drawn apart from every host, "
            "marked '?', until you decide whether it is internal or external."
        )
    said: set[Link] = set()
    apps = [s for s in scene.topology.services() if s.kind == "app"]
    if scene.detached is not None and scene.detached.kind == "app":
        apps.append(scene.detached)
    paragraphs += [_app_paragraph(scene, app, said) for app in apps]
    paragraphs += _shared_sentences(scene)
    paragraphs += _unused_sentences(scene)
    paragraphs += [_link_sentence(scene, k) for k in scene.links() if k not in said]
    return "\n".join(paragraphs)


def describe(
    topology: Topology,
    *,
    placement: dict[str, str] | None = None,
    unknown: str | None = None,
    app: str | None = None,
) -> str:
    """A plain-text description: every host, every app and what it uses, every link.

    `app` is the point of view of a placement preview (a question's `app:`), as in
    `build_scene`."""
    scene = build_scene(topology, placement, unknown, app)
    if not scene.topology.hosts and scene.detached is None:
        return "The diagram shows no hosts."
    return describe_scene(scene)


__all__ = ["DETACHED_ID", "describe", "describe_scene"]
