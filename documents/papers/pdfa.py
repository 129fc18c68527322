"""PDF/A-2b declared on the papers we draw (ISO 19005-2, level B: the look is preserved).

What level B asks that reportlab's output lacks is two things, added here before a paper is
stored and signed (signatures are incremental updates, so they keep the declaration):

- an output intent with an embedded ICC profile (sRGB IEC 61966-2.1, made by Little CMS through
  Pillow, so no profile file is shipped): the colours are device RGB and grey;
- XMP metadata saying ``pdfaid:part=2``, ``pdfaid:conformance=B``, in step with the document
  information dictionary.

The rest is already so and tested: every font embedded (typeset embeds its TrueType fonts), no
encryption, no JavaScript or actions, a file identifier. veraPDF cannot be installed on this
build machine (no Maven repository reached), so tests check these properties one by one with
pikepdf, ``qpdf --check`` and ``pdffonts``; see the README.
"""

from __future__ import annotations

import io
from functools import lru_cache

SRGB = "sRGB IEC61966-2.1"


@lru_cache(maxsize=1)
def srgb_icc() -> bytes:
    from PIL import ImageCms  # noqa: PLC0415 -- heavy library deferred for start-up: PIL

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def declare_pdfa2b(data: bytes) -> bytes:
    """The same pages with the PDF/A-2b output intent and XMP identification added."""
    import pikepdf  # noqa: PLC0415 -- heavy library deferred for start-up: pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        icc = pikepdf.Stream(pdf, srgb_icc())
        icc["/N"] = 3
        intent = pikepdf.Dictionary(Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
                                    OutputConditionIdentifier=pikepdf.String(SRGB), Info=pikepdf.String(SRGB),
                                    DestOutputProfile=pdf.make_indirect(icc))
        pdf.Root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        if "/Trapped" in pdf.docinfo:  # reportlab's /False has no XMP twin here; PDF/A wants the two in step
            del pdf.docinfo["/Trapped"]
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.load_from_docinfo(pdf.docinfo)
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
        out = io.BytesIO()
        pdf.save(out, static_id=False, deterministic_id=True)
        return out.getvalue()
