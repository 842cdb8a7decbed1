"""Cell-aware text fitting: cut with an ellipsis, never silently."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

ELLIPSIS = "…"


def fit(text: str, cells: int) -> str:
    """`text` if it fits in `cells` terminal cells, else its head and "…" (never wider)."""
    if cells <= 0:
        return ""
    if cell_len(text) <= cells:
        return text
    room = cells - 1
    out: list[str] = []
    used = 0
    for char in text:
        size = get_character_cell_size(char)
        if used + size > room:
            break
        out.append(char)
        used += size
    return "".join(out).rstrip() + ELLIPSIS


def fit_pair(left: str, right: str, cells: int) -> tuple[str, str]:
    """Share `cells` between two labels, cutting the longer one first."""
    a, b = cell_len(left), cell_len(right)
    if a + b <= cells:
        return left, right
    half = max(cells // 2, 1)
    if a <= half:
        return left, fit(right, cells - a)
    if b <= half:
        return fit(left, cells - b), right
    return fit(left, half), fit(right, cells - half)
