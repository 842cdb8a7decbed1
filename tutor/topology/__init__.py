"""Topology diagrams: a scenario's hosts and services as a Rich renderable and as plain text.

Never imports textual. The public API:

    diagram(topology, width, *, placement=None, unknown=None, app=None) -> rich.text.Text
    describe(topology, *, placement=None, unknown=None, app=None) -> str

`placement` maps a service id to "internal" or "external" to preview it inside the
host of the app that uses it (of `app`, the point of view a placement question asks from,
when apps on different hosts use it), or on a host of its own. `unknown` names one service to
draw detached and marked "?" (a placement question not yet answered). From
MIN_DIAGRAM_WIDTH (40) columns the hosts are drawn as boxes; below it, as a compact list.
"""

from tutor.topology.render import MIN_DIAGRAM_WIDTH, describe, diagram

__all__ = ["MIN_DIAGRAM_WIDTH", "describe", "diagram"]
