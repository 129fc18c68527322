"""A copy of a PDF for the screen, with form widgets (signature stamps, filled fields)
drawn into the page content.

QtPdf (PDFium without a form environment) does not draw widget annotations, so a signed
document would show empty signature boxes. The copy is for display only: it is never stored,
signed or verified; the original bytes are what the signature panel checks.
"""

from __future__ import annotations

import io
import logging

log = logging.getLogger(__name__)


def display_copy(data: bytes) -> bytes:
    """``data`` with widget appearances flattened; ``data`` itself when there are none or on any error."""
    if b"/Widget" not in data:  # cheap: most papers have no form widgets at all
        return data
    try:
        import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

        with pikepdf.open(io.BytesIO(data)) as pdf:
            pdf.flatten_annotations(mode="screen")
            out = io.BytesIO()
            pdf.save(out)
            return out.getvalue()
    except Exception:  # a display nicety must never stop a document from opening
        log.warning("could not flatten form widgets for display", exc_info=True)
        return data
