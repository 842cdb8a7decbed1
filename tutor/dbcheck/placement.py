"""Internal or external: is the server on this machine? (stdlib, and the content's rule).

The network facts say where the server runs; the course's one placement rule
(`tutor.content.model.placement_rule`) says what that makes it for the learner's app, which
runs on this machine. The Check MySQL screen draws the same verdict through the same rule.
"""

from __future__ import annotations

import contextlib
import ipaddress
import shutil
import socket
import subprocess
from pathlib import Path

from tutor.content.model import Placement, placement_rule

THIS_MACHINE = "this machine"


def _gethostname() -> str:
    try:
        return socket.gethostname()
    except OSError:
        return ""


def _ip_command_addresses() -> set[str]:
    ip = shutil.which("ip")
    if not ip:
        return set()
    try:
        out = subprocess.run(
            [ip, "-o", "addr"], capture_output=True, text=True, timeout=1.0, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    return parse_ip_o_addr(out)


def parse_ip_o_addr(output: str) -> set[str]:
    """Addresses from `ip -o addr` lines like `2: eth0    inet 192.0.2.2/24 brd ...`."""
    found: set[str] = set()
    for line in output.splitlines():
        parts = line.split()
        for family in ("inet", "inet6"):
            if family in parts:
                index = parts.index(family)
                if index + 1 < len(parts):
                    found.add(parts[index + 1].split("/", 1)[0])
    return found


def _proc_addresses() -> set[str]:
    """IPv6 from /proc/net/if_inet6; IPv4 from the local routing table in /proc/net/fib_trie."""
    found: set[str] = set()
    try:
        for line in Path("/proc/net/if_inet6").read_text().splitlines():
            raw = line.split()[0]
            found.add(str(ipaddress.IPv6Address(int(raw, 16))))
    except (OSError, ValueError, IndexError):
        pass
    try:
        lines = Path("/proc/net/fib_trie").read_text().splitlines()
        for previous, line in zip(lines, lines[1:], strict=False):
            if "/32 host LOCAL" in line:
                found.add(previous.split()[-1])
    except (OSError, IndexError):
        pass
    return found


def local_addresses() -> set[str]:
    """Addresses of this machine's own interfaces, as normalised strings."""
    found: set[str] = set()
    name = _gethostname()
    if name:
        with contextlib.suppress(OSError, UnicodeError):
            found.update(str(info[4][0]) for info in socket.getaddrinfo(name, None))
    found |= _ip_command_addresses() or _proc_addresses()
    return {_normalise(a) for a in found if a}


def _normalise(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address.split("%", 1)[0]))
    except ValueError:
        return address


def is_loopback(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def classify(
    *, via_socket: bool, address: str | None, server_hostname: str | None
) -> tuple[Placement, str]:
    """("internal" | "external", the reason in a few words)."""
    here, reason = _on_this_machine(via_socket, address, server_hostname)
    verdict = placement_rule(THIS_MACHINE if here else "the server's host", [THIS_MACHINE])
    assert verdict != "unused" and verdict != "shared"  # one app, the learner's, uses it
    return verdict, reason


def _on_this_machine(
    via_socket: bool, address: str | None, server_hostname: str | None
) -> tuple[bool, str]:
    if via_socket:
        return True, "reached over a unix socket, which only works on the same machine"
    if address and is_loopback(address):
        return True, f"reached at {address}, a loopback address of this machine"
    if address and _normalise(address) in local_addresses():
        return True, f"reached at {address}, an address of one of this machine's interfaces"
    own = _gethostname()
    if server_hostname and own and server_hostname.lower() == own.lower():
        return True, f"the server's @@hostname ({server_hostname}) is this machine's name"
    where = f"at {address}" if address else "over the network"
    return False, f"reached {where}, which is not an address of this machine"
