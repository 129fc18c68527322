"""The app's icons: small SVG files in resources/icons, drawn for a 24 px grid.

SVG keeps them crisp at any device pixel ratio (Qt's SVG icon engine renders each size on
demand). Icons are loaded once and cached; an unknown name gives an empty icon and a log line
rather than a crash, so a missing file never stops the window from opening.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"


@cache
def icon(name: str) -> QIcon:
    path = ICON_DIR / f"{name}.svg"
    if not path.is_file():
        log.warning("icon %s not found in %s", name, ICON_DIR)
        return QIcon()
    return QIcon(str(path))


def level_icon(rank: int | None) -> QIcon:
    """A unit's icon by how high its level stands in its scheme (0 at the top): the same
    pictures serve every map, so no level is named here."""
    return icon(f"level-{min(max(rank or 0, 0), 2)}")


def icon_names() -> list[str]:
    return sorted(p.stem for p in ICON_DIR.glob("*.svg"))
