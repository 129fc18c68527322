"""The intended access matrix of the shared store: what each probe role may do to the probe
row of each table (``nghisu rls check`` compares the observed behaviour with it).

Roles: M member, K site clerk (of a connected site, not a participant), S secretary, C chair,
O organiser (of the meeting's unit), A administrator (no meeting role), X a member of no
meeting. ``select=``, ``insert=``, ``delete=`` list who may; ``update=`` lists, per group of
roles, the columns they may change (``*``: every column; ``-``: nobody). Computed columns
(``search_vector``) are left out: the server fills them. The probe rows belong to
the scenery's meeting, its paper and its member (``demo.rls_scenery``).

Read as the security model says (README): the audit chain, blobs, ballots, voters, signing
slots, opinion answers, the presenter's position and the register's numbers are written by
the server's functions only, so nobody has INSERT, UPDATE or DELETE on them here. A unit's
register is read by the people of that unit (the probe rows belong to the meeting's unit).
Mail is queued by desktops, but only the server's function records an attempt: nobody updates
or deletes the outgoing queue.

The incoming register: the organiser is also the unit's văn thư in the scenery (it registers
and assigns); the member is the main handler (closes, writes history in their own name), the
chair a co-handler. Nobody may change a number once given nor what was received;
``file_sha256`` shows as updatable only because the probe's changed value is too long for the
column, refused by the type before the guard trigger could refuse it. The incoming document is
the same file as the meeting's paper: its blob is also readable by the administrator, a person
of the receiving unit.
Outgoing documents: the plain probe rows name person 1 (the chair) as drafter and signer and
the member as reviewer; the stored file of their version is the meeting paper's, which the
administrator (of the unit) now reads through the outgoing document too. Who moves a document
on is the guard trigger's business (tested in tests/register); what it leaves to a drafter or
reviewer on a row of no known status is the row's version stamp.
"""

from __future__ import annotations

from store.rls.probe import Access, ProbeRole

ROLE_LETTERS = {"M": ProbeRole.MEMBER, "K": ProbeRole.SITE_CLERK, "S": ProbeRole.SECRETARY, "C": ProbeRole.CHAIR,
                "O": ProbeRole.ORGANISER, "A": ProbeRole.ADMIN, "X": ProbeRole.OUTSIDER}
ALL_COLUMNS = "*"

MATRIX = """
agenda_items          select=MKSCO   insert=SCO   delete=SCO   update=SCO=id,notes,parent_id,planned_minutes,position,presenter,title,updated_at,updated_by_id,version
attendance            select=MKSCO   insert=SCO   delete=SCO   update=SCO=deputy_person_id,id,person_id,reason,recorded_at,recorded_by_id,site_unit_id,status
audit_head            select=MKSCOAX insert=-     delete=-     update=-
audit_log             select=MKSCOA  insert=-     delete=-     update=-
blob_chunks           select=MKSCOA  insert=-     delete=-     update=-
blobs                 select=MKSCOA  insert=-     delete=-     update=-
conclusion_tasks      select=MKSCO   insert=SCO   delete=SCO   update=SCO=conclusion_id,deadline,description,done_at,done_note,id,owner_unit_id,status,updated_at,updated_by_id,version
conclusions           select=MKSCO   insert=SCO   delete=SCO   update=SCO=id,item_id,position,text,updated_at,updated_by_id,version
deliveries            select=MSCO    insert=MSCO  delete=SCO   update=M=change_seen_at,changed_from_version_no,delivered_at,first_opened_at,id,last_read_at,meeting_id,pages_read,site_unit_id,version_id;SCO=change_seen_at,changed_from_version_no,delivered_at,document_id,first_opened_at,id,last_read_at,pages_read,person_id,site_unit_id,version_id
document_keys         select=MSCO    insert=MKSCO delete=MSCO  update=-
document_pages        select=MKSCO   insert=MSCO  delete=SCO   update=SCO=folded,id,page_no,terms,text,version_id
document_versions     select=MKSCO   insert=MSCO  delete=SCO   update=SCO=blob_sha256,created_at,created_by_id,filename,id,note,page_count,repaired,size,source,version_no,was_encrypted
documents             select=MKSCO   insert=SCO   delete=SCO   update=M=current_version_id,current_version_no,updated_at,updated_by_id,version;SCO=agenda_item_id,classification,created_at,created_by_id,current_version_id,current_version_no,doc_type,id,issued_on,issuing_unit,number,position,recalled_at,recalled_by_id,title,unit_id,updated_at,updated_by_id,version
incoming_co_handlers  select=MSCOA   insert=O     delete=O     update=-
incoming_documents    select=MSCOA   insert=O     delete=-     update=M=done_at,done_by_id,done_note,file_sha256,reply_outgoing_id,status,updated_at,updated_by_id,version;O=assigned_at,assigned_by_id,classification,doc_date,doc_symbol,doc_type,done_at,done_by_id,done_note,due_on,file_sha256,handler_id,instruction,registered_at,reply_due_on,reply_outgoing_id,search_folded,sender_key,sender_name,status,subject,updated_at,updated_by_id,urgency,version
incoming_events       select=MSCOA   insert=M     delete=-     update=-
level_parents         select=MKSCOAX insert=A     delete=A     update=A=*
level_schemes         select=MKSCOAX insert=A     delete=A     update=A=*
live_settings         select=MKSCO   insert=SCO   delete=SCO   update=SCO=quorum_rule,updated_at,updated_by_id,version
mail_deliveries       select=SCO     insert=SCO   delete=-     update=-
mail_messages         select=SCO     insert=SCO   delete=-     update=-
meeting_rsvps         select=MKSCO   insert=MSCO  delete=-     update=MSCO=answer,answered_at,answered_by_id,deputy_person_id,note
meeting_sites         select=MKSCO   insert=SCO   delete=SCO   update=SCO=id,unit_id
meetings              select=MKSCO   insert=O     delete=O     update=SCO=created_at,created_by_id,ends_at,invite_bring,invite_contact,invite_note,kind,location,starts_at,status,title,unit_id,updated_at,updated_by_id,version
minutes               select=MKSCO   insert=SCO   delete=SCO   update=SCO=created_at,document_id,sections,status,updated_at,updated_by_id,version
office_policy         select=MKSCOAX insert=A     delete=A     update=A=*
office_test_ca        select=A       insert=A     delete=A     update=A=*
outgoing_comments     select=MSCOA   insert=-     delete=-     update=C=answer,answered_in_version_no
outgoing_dispatches   select=MSCOA   insert=-     delete=-     update=-
outgoing_documents    select=MSCOA   insert=-     delete=-     update=MC=updated_at,updated_by_id,version
outgoing_reviewers    select=MSCOA   insert=C     delete=-     update=-
outgoing_versions     select=MSCOA   insert=-     delete=-     update=-
opinion_members       select=MSCO    insert=SCO   delete=SCO   update=-
opinion_polls         select=MKSCO   insert=SCO   delete=SCO   update=S=created_at,created_by_id,deadline,options,question,unit_id,updated_at,updated_by_id,version;CO=created_at,created_by_id,deadline,meeting_id,options,question,unit_id,updated_at,updated_by_id,version
participants          select=MKSCO   insert=SCO   delete=SCO   update=SCO=id,person_id,role,site_unit_id
person_certificates   select=MKSCOAX insert=MA    delete=MA    update=M=added_at,added_by_id,der,id,issuer,not_after,not_before,serial,sha256,source,subject,unit_id;A=*
person_clearances     select=MKSCOAX insert=A     delete=A     update=A=*
person_identities     select=MA      insert=MA    delete=MA    update=M=os_user,pin_hash,set_at;A=*
person_key_secrets    select=M       insert=M     delete=M     update=M=nonce,salt,scrypt_n,scrypt_p,scrypt_r,sealed,unit_id
person_keys           select=MKSCOAX insert=M     delete=M     update=M=created_at,fingerprint,public_key,unit_id
person_logins         select=MA      insert=-     delete=-     update=-
person_roles          select=MKSCOAX insert=A     delete=A     update=A=*
persons               select=MKSCOAX insert=A     delete=A     update=A=*
presenter_positions   select=MKSCO   insert=-     delete=-     update=-
private_notes         select=M       insert=M     delete=M     update=M=client_id,created_at,data,deleted_at,id,kind,meeting_id,page,shared,updated_at,updated_by_id,version,version_id
register_counters     select=MSCOA   insert=-     delete=-     update=-
register_numbers      select=MSCOA   insert=-     delete=-     update=-
reorganisations       select=MKSCOAX insert=A     delete=A     update=A=*
roll_call_votes       select=MKSCO   insert=MSCO  delete=SCO   update=SCO=cast_at,id,option,person_id
secret_ballots        select=MKSCO   insert=-     delete=-     update=-
secret_vote_closures  select=MKSCO   insert=-     delete=-     update=-
secret_voters         select=MKSCO   insert=-     delete=-     update=-
settings              select=MKSCOAX insert=A     delete=A     update=A=*
signing_requests      select=MKSCO   insert=SCO   delete=SCO   update=M=updated_at,updated_by_id,version;SCO=certify_first,completed_at,created_at,created_by_id,fields_version_no,id,reason,status,turn,unit_id,updated_at,updated_by_id,version
signing_slots         select=MKSCO   insert=SCO   delete=SCO   update=-
speaker_requests      select=MKSCO   insert=MSCO  delete=SCO   update=M=allotted_seconds,finished_at,id,item_id,position,requested_at,started_at,state;SCO=allotted_seconds,finished_at,id,item_id,person_id,position,requested_at,started_at,state
trust_roots           select=MKSCOAX insert=A     delete=A     update=A=*
unit_history          select=MKSCOAX insert=A     delete=A     update=A=*
unit_levels           select=MKSCOAX insert=A     delete=A     update=A=*
unit_roles            select=MKSCOAX insert=A     delete=A     update=A=*
units                 select=MKSCOAX insert=A     delete=A     update=A=*
verification_reports  select=MKSCO   insert=MKSCO delete=SCO   update=SCO=id,report,unit_id,verdict,verified_at,verified_by_id,version_id
vote_site_counts      select=MKSCO   insert=SCO   delete=SCO   update=SCO=count,id,option,site_unit_id,vote_id
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
