"""Which image the reader paints for a page: the one the ``RenderCache`` rendered, else the last
one shown of that page (scaled, while a sharper one renders after a zoom), inverted in night
mode (once per page and size, not on every paint)."""

from __future__ import annotations

from PySide6.QtGui import QImage

from ui.viewer.render_cache import RenderCache


class PageImages:
    """The last image shown and its night-mode inversion, for the canvas's open document."""

    def __init__(self) -> None:
        self._last: tuple[int, QImage] | None = None  # last image painted: shown scaled while a new one renders
        self._inverted: dict[int, QImage] = {}

    def forget(self) -> None:
        """Another document: nothing shown before belongs to it."""
        self._last = None
        self._inverted.clear()

    def forget_inverted(self) -> None:
        """Rendered at another width: the inversion is redone from the new image."""
        self._inverted.clear()

    def image(self, cache: RenderCache | None, page: int, night: bool) -> QImage | None:
        img = cache.image(page) if cache is not None else None
        if img is None:
            return self._last[1] if self._last and self._last[0] == page else None
        self._last = (page, img)
        if not night:
            return img
        inv = self._inverted.get(page)
        if inv is None or inv.size() != img.size():
            inv = img.copy()
            inv.invertPixels()
            self._inverted = {page: inv}
        return inv
