"""The meeting's numbered papers are declared PDF/A-2b before they are stored (documents.papers.pdfa)
and keep the declaration through signing: the sRGB output intent with its ICC profile, the XMP
identification in step with the document information, every font embedded (pdffonts), a
structurally sound file (qpdf --check), no encryption or scripts, every annotation printable;
and the signature on top still verifies. veraPDF is not available on this machine (README)."""

from __future__ import annotations

import io
import subprocess

import pikepdf
from PIL import ImageCms

from documents.library import get_document
from meetings.papers.issue import MeetingPaper, issue_meeting_paper
from signing.keys.certificates import register_certificate
from signing.keys.signing_keys import load_pkcs12
from signing.keys.trust_roots import TrustRoots
from signing.keys.truststore import add_trust_roots
from signing.verify.service import verify_pdf
from signing.workflow import sign_request
from tests.meetings.test_meeting_papers import planned
from tests.register.incoming_fixtures import pki
from tests.signing.pki import P12_PASSWORD

__all__ = ["planned"]  # the fixture, shared with the papers' own tests

PRINT, HIDDEN, INVISIBLE, NO_VIEW = 4, 2, 1, 32


def pdfa_problems(data: bytes, tmp_path) -> list[str]:
    """What stands between this file and PDF/A-2b, as far as can be checked without veraPDF."""
    problems = []
    path = tmp_path / "paper.pdf"
    path.write_bytes(data)
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=60)
    if check.returncode != 0:
        problems.append(f"qpdf: {check.stdout[-300:]}")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60).stdout.splitlines()[2:]
    problems += [f"font not embedded: {row}" for row in fonts if row.split()[-5] != "yes"]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        intents = pdf.Root.get("/OutputIntents") or []
        pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
        if len(pdfa) != 1:
            problems.append(f"{len(pdfa)} PDF/A output intents")
        else:
            icc = pdfa[0].DestOutputProfile
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc.read_bytes()))
            if int(icc.N) != 3 or profile.profile.xcolor_space.strip() != "RGB":
                problems.append("the output intent's profile is not an RGB profile")
        meta = pdf.open_metadata()
        if (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) != ("2", "B"):
            problems.append("no pdfaid:part=2 conformance=B in the XMP")
        if str(pdf.docinfo.get("/Title", "")) != meta.get("dc:title", ""):
            problems.append("the XMP title differs from the document information")
        if pdf.is_encrypted or "/ID" not in pdf.trailer:
            problems.append("encrypted, or no file identifier")
        if any(k in pdf.Root for k in ("/OpenAction", "/AA")) or "/JavaScript" in (pdf.Root.get("/Names") or {}):
            problems.append("actions or JavaScript")
        for number, page in enumerate(pdf.pages, 1):
            for annot in page.get("/Annots") or []:
                flags = int(annot.get("/F", 0))
                if not flags & PRINT or flags & (HIDDEN | INVISIBLE | NO_VIEW):
                    problems.append(f"page {number}: annotation {annot.get('/T')} flags {flags}")
    return problems


def test_an_issued_and_signed_invitation_is_pdfa_2b_and_still_verifies(store, planned, province, tmp_path):
    meeting, _office = planned
    key = load_pkcs12(pki().chair.p12, P12_PASSWORD)
    with store.uow() as uow:
        add_trust_roots(uow, pki().ca.cert_pem)
        register_certificate(uow, province.chair, key.certificate_der)
        uow.commit()
    issued = issue_meeting_paper(store, province.secretary, meeting.id, MeetingPaper.INVITATION,
                                 signer_id=province.chair)
    with store.read() as s:
        unsigned = store.blobs.get(get_document(s, issued.document.id).current_version.sha256)
    assert pdfa_problems(unsigned, tmp_path) == []

    signed = sign_request(store, issued.request.id, province.chair, key).document
    data = store.blobs.get(signed.current_version.sha256)
    assert pdfa_problems(data, tmp_path) == []
    report = verify_pdf(data, trust=TrustRoots.from_pem_or_der(pki().ca.cert_pem))
    assert report.verdict == "valid", report.to_json()
