"""Numbers from the register, on both backends: per unit, per year (Vietnam's calendar), per
series; symbols as Decree 30 prints them; a number never given twice nor reused, even when its
release is cancelled; only the unit's văn thư numbers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from documents.doctypes import parse_doc_type
from register.models import RegisterNumber
from register.numbering import (
    Series,
    cancel_number,
    format_symbol,
    last_number,
    list_numbers,
    register_year,
    take_number,
)
from store.errors import InvalidInput, PermissionDenied


def numbers_taken(store) -> int:
    with store.read() as s:
        return s.execute(select(func.count()).select_from(RegisterNumber)).scalar_one()


# -- symbols (Decree 30 §2) --------------------------------------------------------------------
def test_symbols_print_as_the_decree_shows_them():
    assert format_symbol(15, "quyet_dinh", "UBND") == "15/QĐ-UBND"
    assert format_symbol(5, "quyet_dinh", "BNV") == "05/QĐ-BNV"  # under 10: a leading zero
    assert format_symbol(7, "ke_hoach", "UBND", "VP") == "07/KH-UBND-VP"  # the drafting unit, when wanted
    assert format_symbol(12, "cong_van", "UBND", "VX") == "12/UBND-VX"  # công văn: no type abbreviation
    assert format_symbol(3, "cong_van", "UBND") == "03/UBND"
    assert format_symbol(120, "to_trinh", "UBND") == "120/TTr-UBND"



def test_every_type_of_the_decrees_appendix_iii_prints_its_own_abbreviation():
    assert format_symbol(4, "phuong_an", "UBND") == "04/PA-UBND"
    assert format_symbol(2, "quy_dinh", "UBND") == "02/QyĐ-UBND"  # not QĐ: that is a quyết định
    assert format_symbol(9, "cong_dien", "UBND") == "09/CĐ-UBND"
    assert format_symbol(11, "giay_gioi_thieu", "UBND", "VP") == "11/GGT-UBND-VP"
    assert format_symbol(6, "thu_cong", "UBND") == "06/UBND"  # thư công, like công văn, has none


@pytest.mark.parametrize(("typed", "code"), [
    ("QĐ", "quyet_dinh"), ("qd", "quyet_dinh"), ("HĐ", "hop_dong"), ("HD", "huong_dan"), ("Hợp đồng", "hop_dong"),
    ("hop dong", "hop_dong"), ("QyĐ", "quy_dinh"), ("Phương án", "phuong_an"), ("to trinh", "to_trinh"),
])
def test_a_type_is_read_as_a_clerk_types_it(typed, code):
    assert parse_doc_type(typed) == code


def test_a_folded_abbreviation_that_could_be_two_types_is_asked_again():
    with pytest.raises(InvalidInput, match="có thể là Hướng dẫn \\(HD\\), Hợp đồng \\(HĐ\\)"):
        parse_doc_type("hd")


@pytest.mark.parametrize("doc_type", ["du_thao_quyet_dinh", "phu_luc", "khac"])
def test_drafts_appendices_and_unnamed_papers_get_no_number(doc_type):
    with pytest.raises(InvalidInput, match="không được cấp số"):
        format_symbol(1, doc_type, "UBND")


def test_an_unknown_type_or_a_unit_without_abbreviation_is_refused():
    with pytest.raises(InvalidInput, match="Không rõ loại"):
        format_symbol(1, "sac_lenh", "UBND")
    with pytest.raises(InvalidInput, match="chữ viết tắt"):
        format_symbol(1, "quyet_dinh", " ")


def test_the_register_year_is_vietnams():
    assert register_year(datetime(2026, 12, 31, 16, 59, 59, tzinfo=UTC)) == 2026
    assert register_year(datetime(2026, 12, 31, 17, 0, tzinfo=UTC)) == 2027  # 00:00 on 1 January in Hà Nội


def test_the_series_of_a_document():
    assert Series.of(outgoing=True) is Series.DI
    assert Series.of(outgoing=True, classification="toi_mat") is Series.DI_MAT
    assert Series.of(outgoing=False, classification="mat") is Series.DEN_MAT
    assert Series.DEN.vi == "sổ văn bản đến" and not Series.DEN.outgoing and Series.DEN_MAT.secret
    with pytest.raises(InvalidInput, match="di_mat"):
        Series.parse("dii")


# -- the register ------------------------------------------------------------------------------
def test_numbers_run_from_01_in_each_series_of_each_unit(store, office):
    with store.uow(office.clerk) as uow:
        a = take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh",
                        subject_type="outgoing", subject_id=1)
        b = take_number(uow, unit_id=office.province, series=Series.DI, doc_type="cong_van",
                        drafting_unit_id=office.office)
        c = take_number(uow, unit_id=office.province, series=Series.DI_MAT, doc_type="quyet_dinh")
        d = take_number(uow, unit_id=office.province, series=Series.DEN)
        uow.commit()
    with store.uow(office.commune_clerk) as uow:
        e = take_number(uow, unit_id=office.commune, series=Series.DI, doc_type="quyet_dinh")
        uow.commit()
    assert (a.number, a.symbol, a.year) == (1, "01/QĐ-UBND", 2026)
    assert (b.number, b.symbol) == (2, "02/UBND-VP")  # one series for every type of ordinary document
    assert (c.number, c.symbol) == (1, "01/QĐ-UBND")  # the secret series counts on its own
    assert (d.number, d.symbol, d.printed) == (1, None, "01")  # sổ đến: a number, no symbol of ours
    assert (e.number, e.symbol) == (1, "01/QĐ-UBND")  # the commune has its own register
    assert a.taken_by_id == office.clerk and a.subject_type == "outgoing" and a.subject_id == 1
    with store.read() as s:
        assert [n.symbol for n in list_numbers(s, unit_id=office.province, year=2026, series=Series.DI)] == [
            "01/QĐ-UBND", "02/UBND-VP"]
        assert last_number(s, unit_id=office.province, year=2026, series=Series.DI) == 2


def test_an_advisory_body_numbers_in_its_own_series_under_its_own_abbreviation(store, office):
    """Decree 30 (DECREE30.md §2): an advisory body (Hội đồng, Ban, Tổ) issuing under the agency's
    seal keeps a separate series. A board unit of the directory is its own issuing unit, so its
    register counts from 01 beside the UBND's, with its own abbreviation in the symbol; the
    UBND's văn thư numbers for it once they hold the văn thư role there too."""
    from store.directory import create_unit, grant_role

    with store.uow() as uow:
        board = create_unit(uow, code="QT-BCD", name="Ban Chỉ đạo phòng, chống thiên tai tỉnh", kind="board",
                            parent_id=office.province, abbreviation="BCĐ").id
        grant_role(uow, office.clerk, board, "van_thu")
        uow.commit()
    with store.uow(office.clerk) as uow:
        ubnd = [take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh") for _ in range(2)]
        own = take_number(uow, unit_id=board, series=Series.DI, doc_type="quyet_dinh")
        ubnd.append(take_number(uow, unit_id=office.province, series=Series.DI, doc_type="ke_hoach"))
        uow.commit()
    assert [n.symbol for n in ubnd] == ["01/QĐ-UBND", "02/QĐ-UBND", "03/KH-UBND"]  # the board's number took none
    assert (own.number, own.symbol, own.unit_id) == (1, "01/QĐ-BCĐ", board)


def test_numbering_restarts_at_01_on_1_january_vietnam_time(store, office, clock):
    clock._at = datetime(2026, 12, 31, 16, 59, tzinfo=UTC)  # 23:59 on 31 December in Quảng Trị
    with store.uow(office.clerk) as uow:
        for _ in range(3):
            last = take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
        uow.commit()
    clock._at = datetime(2026, 12, 31, 17, 1, tzinfo=UTC)  # 00:01 on 1 January 2027
    with store.uow(office.clerk) as uow:
        first = take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
        uow.commit()
    assert (last.year, last.number) == (2026, 3)
    assert (first.year, first.number, first.symbol) == (2027, 1, "01/QĐ-UBND")


def test_a_cancelled_number_is_kept_and_never_given_again(store, office):
    with store.uow(office.clerk) as uow:
        first = take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
        uow.commit()
    with store.uow(office.clerk) as uow:
        cancelled = cancel_number(uow, first.id, "  Phát hành nhầm   tệp  ")
        uow.commit()
    assert cancelled.cancelled and cancelled.cancel_reason == "Phát hành nhầm tệp"
    assert cancelled.cancelled_by_id == office.clerk
    with store.uow(office.clerk) as uow:
        second = take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
        uow.commit()
    assert second.number == 2
    with store.uow(office.clerk) as uow, pytest.raises(InvalidInput, match="đã được ghi hủy"):
        cancel_number(uow, first.id, "lần nữa")
    with store.uow(office.clerk) as uow, pytest.raises(InvalidInput, match="lý do"):
        cancel_number(uow, second.id, "   ")
    with store.read() as s:
        listed = list_numbers(s, unit_id=office.province, year=2026, series=Series.DI)
    assert [(n.number, n.cancelled) for n in listed] == [(1, True), (2, False)]


def test_a_number_rolled_back_with_its_transaction_leaves_no_gap(store, office):
    with store.uow(office.clerk) as uow:
        take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
        # no commit: the release failed before it was stored
    with store.uow(office.clerk) as uow:
        again = take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
        uow.commit()
    assert again.number == 1


def test_only_the_units_clerk_numbers_and_a_refusal_writes_nothing(store, office):
    with store.uow(office.drafter) as uow, pytest.raises(PermissionDenied, match="không phải văn thư của Tỉnh Quảng Trị"):
        take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
    with store.uow(office.commune_clerk) as uow, pytest.raises(PermissionDenied, match="văn thư"):
        take_number(uow, unit_id=office.province, series=Series.DEN)  # a clerk, but of another unit
    with store.uow() as uow, pytest.raises(PermissionDenied, match="ai lấy số"):
        take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
    with store.uow(office.commune_clerk) as uow, pytest.raises(PermissionDenied, match="mật"):
        take_number(uow, unit_id=office.commune, series=Series.DI_MAT, doc_type="quyet_dinh")  # no clearance
    with store.uow(office.clerk) as uow, pytest.raises(InvalidInput, match="không được cấp số"):
        take_number(uow, unit_id=office.province, series=Series.DI, doc_type="du_thao_quyet_dinh")
    with store.uow(office.clerk) as uow, pytest.raises(InvalidInput, match="loại văn bản"):
        take_number(uow, unit_id=office.province, series=Series.DI)
    assert numbers_taken(store) == 0


def test_a_clerk_whose_role_has_ended_numbers_no_more(store, office, clock):
    from store.directory import end_role

    with store.uow(office.clerk) as uow:
        take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
        uow.commit()
    with store.uow() as uow:
        end_role(uow, office.clerk, office.province, "van_thu")
        uow.commit()
    clock.advance(days=1)
    with store.uow(office.clerk) as uow, pytest.raises(PermissionDenied):
        take_number(uow, unit_id=office.province, series=Series.DI, doc_type="quyet_dinh")
    assert numbers_taken(store) == 1
