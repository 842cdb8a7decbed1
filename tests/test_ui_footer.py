"""The footer does not keep the keys of its old bindings alive (Textual's Footer does)."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.widgets._footer import FooterKey

from tutor.content.loader import load_pack
from tutor.ui.app import create_app

PACK = Path(__file__).resolve().parent / "data" / "ui-pack"


def detached_footer_keys() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, FooterKey) and not o.is_attached)


async def test_going_back_and_forth_leaves_no_footer_keys_behind() -> None:
    app = create_app(load_pack(PACK))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(8):
            app.action_lessons()
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        # Each return to Home rebuilt its footer; Textual's own Footer kept ~10 keys a time.
        assert detached_footer_keys() < 10
