"""Finding and stripping active content: chains, harmless actions, damaged structures."""

from __future__ import annotations

import pikepdf

from documents.active_content import find_active, strip_active


def _pdf() -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    return pdf


def _goto(pdf: pikepdf.Pdf, **extra) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit]), **extra)


def test_a_harmless_action_is_not_active():
    pdf = _pdf()
    pdf.Root.OpenAction = _goto(pdf)
    assert find_active(pdf) == ()


def test_javascript_chained_after_a_harmless_action_is_found_and_stripped():
    pdf = _pdf()
    pdf.Root.OpenAction = _goto(pdf, Next=pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("x")))
    assert find_active(pdf) == ("javascript",)
    assert strip_active(pdf) == ("javascript",)
    assert find_active(pdf) == () and "/OpenAction" not in pdf.Root


def test_a_damaged_annotation_list_does_not_stop_the_walk():
    pdf = _pdf()
    pdf.add_blank_page()
    pdf.pages[0].obj.Annots = pikepdf.Array([pikepdf.Integer(3), pikepdf.Name.Bogus])
    pdf.pages[1].obj.AA = pikepdf.Dictionary(O=pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("x.exe")))
    assert find_active(pdf) == ("launch",)
    strip_active(pdf)
    assert find_active(pdf) == ()
