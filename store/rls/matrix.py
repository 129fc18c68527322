"""The intended access matrix of the shared store: what each probe role may do to the probe
row of each table (``nghisu rls check`` compares the observed behaviour with it).

Roles: M member, K site clerk (of a connected site, not a participant), S secretary, C chair,
O organiser (of the meeting's unit), A administrator (no meeting role), X a member of no
meeting. ``select=``, ``insert=``, ``delete=`` list who may; ``update=`` lists, per group of
roles, the columns they may set (``*``: every column; ``-``: nobody). The probe rows belong to
the scenery's meeting, its paper and its member (``demo.rls_scenery``).

Read as the security model says (README): the audit chain, blobs, ballots, voters, signing
slots, opinion answers and the presenter's position are written by the server's functions
only, so nobody has INSERT, UPDATE or DELETE on them here.
"""

from __future__ import annotations

from store.rls.probe import Access, ProbeRole

ROLE_LETTERS = {"M": ProbeRole.MEMBER, "K": ProbeRole.SITE_CLERK, "S": ProbeRole.SECRETARY, "C": ProbeRole.CHAIR,
                "O": ProbeRole.ORGANISER, "A": ProbeRole.ADMIN, "X": ProbeRole.OUTSIDER}
ALL_COLUMNS = "*"

MATRIX = """
agenda_items          select=MKSCO   insert=SCO   delete=SCO   update=SCO=*
attendance            select=MKSCO   insert=SCO   delete=SCO   update=SCO=*
audit_head            select=MKSCOAX insert=-     delete=-     update=-
audit_log             select=MKSCOA  insert=-     delete=-     update=-
blob_chunks           select=MKSCO   insert=-     delete=-     update=-
blobs                 select=MKSCO   insert=-     delete=-     update=-
conclusion_tasks      select=MKSCO   insert=SCO   delete=SCO   update=SCO=*
conclusions           select=MKSCO   insert=SCO   delete=SCO   update=SCO=*
deliveries            select=MSCO    insert=MSCO  delete=SCO   update=MSCO=*
document_keys         select=MSCO    insert=MKSCO delete=MSCO  update=-
document_pages        select=MKSCO   insert=-     delete=SCO   update=SCO=document_id,folded,id,meeting_id,page_no,terms,text,version_id
document_versions     select=MKSCO   insert=MSCO  delete=SCO   update=SCO=*
documents             select=MKSCO   insert=SCO   delete=SCO   update=MSCO=*
level_parents         select=MKSCOAX insert=A     delete=A     update=A=*
level_schemes         select=MKSCOAX insert=A     delete=A     update=A=*
live_settings         select=MKSCO   insert=SCO   delete=SCO   update=SCO=*
meeting_sites         select=MKSCO   insert=SCO   delete=SCO   update=SCO=*
meetings              select=MKSCO   insert=O     delete=O     update=SCO=*
minutes               select=MKSCO   insert=SCO   delete=SCO   update=SCO=*
office_policy         select=MKSCOAX insert=A     delete=A     update=A=*
office_test_ca        select=A       insert=A     delete=A     update=A=*
opinion_members       select=MSCO    insert=SCO   delete=SCO   update=-
opinion_polls         select=MKSCO   insert=SCO   delete=SCO   update=SCO=*
participants          select=MKSCO   insert=SCO   delete=SCO   update=SCO=*
person_certificates   select=MKSCOAX insert=MA    delete=MA    update=MA=*
person_clearances     select=MKSCOAX insert=A     delete=A     update=A=*
person_identities     select=MA      insert=MA    delete=MA    update=MA=*
person_key_secrets    select=M       insert=M     delete=M     update=M=*
person_keys           select=MKSCOAX insert=M     delete=M     update=M=*
person_logins         select=MA      insert=-     delete=-     update=-
person_roles          select=MKSCOAX insert=A     delete=A     update=A=*
persons               select=MKSCOAX insert=A     delete=A     update=A=*
presenter_positions   select=MKSCO   insert=-     delete=-     update=-
private_notes         select=M       insert=M     delete=M     update=M=*
reorganisations       select=MKSCOAX insert=A     delete=A     update=A=*
roll_call_votes       select=MKSCO   insert=MSCO  delete=SCO   update=MSCO=*
secret_ballots        select=MKSCO   insert=-     delete=-     update=-
secret_vote_closures  select=MKSCO   insert=-     delete=-     update=-
secret_voters         select=MKSCO   insert=-     delete=-     update=-
settings              select=MKSCOAX insert=A     delete=A     update=A=*
signing_requests      select=MKSCO   insert=SCO   delete=SCO   update=MSCO=*
signing_slots         select=MKSCO   insert=SCO   delete=SCO   update=-
speaker_requests      select=MKSCO   insert=MSCO  delete=SCO   update=MSCO=*
trust_roots           select=MKSCOAX insert=A     delete=A     update=A=*
unit_history          select=MKSCOAX insert=A     delete=A     update=A=*
unit_levels           select=MKSCOAX insert=A     delete=A     update=A=*
unit_roles            select=MKSCOAX insert=A     delete=A     update=A=*
units                 select=MKSCOAX insert=A     delete=A     update=A=*
verification_reports  select=MKSCO   insert=MKSCO delete=SCO   update=SCO=*
vote_site_counts      select=MKSCO   insert=SCO   delete=SCO   update=SCO=*
votes                 select=MKSCO   insert=SCO   delete=SCO   update=-
"""


def _roles(letters: str) -> set[ProbeRole]:
    return set() if letters == "-" else {ROLE_LETTERS[c] for c in letters}


def parse(text: str) -> dict[str, dict[ProbeRole, Access]]:
    out: dict[str, dict[ProbeRole, Access]] = {}
    for line in text.strip().splitlines():
        table, *fields = line.split()
        spec = dict(f.split("=", 1) for f in fields)
        updates: dict[ProbeRole, frozenset[str]] = {}
        if spec["update"] != "-":
            for group in spec["update"].split(";"):
                letters, columns = group.split("=")
                for role in _roles(letters):
                    updates[role] = frozenset(columns.split(","))
        out[table] = {role: Access(role in _roles(spec["select"]), role in _roles(spec["insert"]),
                                   updates.get(role, frozenset()), role in _roles(spec["delete"]))
                      for role in ProbeRole}
    return out


INTENDED = parse(MATRIX)
