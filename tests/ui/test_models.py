"""Every item model of the desktop passes Qt's model tester, on the demo store's real data."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, Qt, QUrl

from meetings.lifecycle import KIND_VI, STATUS_VI, get_meeting, list_meetings
from meetings.materials import meeting_materials
from meetings.sites import ROLE_VI
from store.directory import descendant_unit_ids, list_units
from ui.models import labels
from ui.models.agenda import AGENDA_MIME, AgendaModel
from ui.models.materials import MaterialsModel
from ui.models.meetings import MeetingTableModel, load_meeting_rows
from ui.models.search import SearchHitsModel
from ui.models.sites import ParticipantsModel, SiteTreeModel
from ui.models.units import UPCOMING_ROLE, UnitTreeModel, load_unit_tree

PROVINCIAL = "Phiên họp UBND tỉnh thường kỳ tháng 12 năm 2026"


def provincial(store):
    with store.read() as s:
        m = next(m for m in list_meetings(s) if m.title == PROVINCIAL)
        return get_meeting(s, m.id)


def test_unit_tree_counts_upcoming_meetings(qtmodeltester, demo_store):
    model = UnitTreeModel()
    model.set_data(load_unit_tree(demo_store))
    qtmodeltester.check(model)
    province = model.index(0, 0)
    assert province.data() == "Tỉnh Quảng Trị"
    assert model.rowCount(province) == 5
    # December's provincial meeting is ahead of the demo clock; November's is closed.
    assert province.data(UPCOMING_ROLE) == 1


def test_meetings_table(qtmodeltester, demo_store):
    detail = provincial(demo_store)
    model = MeetingTableModel()
    model.set_rows(load_meeting_rows(demo_store, detail.unit.id))
    qtmodeltester.check(model)
    row = model.row_of(detail.id)
    assert model.index(row, 0).data() == "08/12/2026 08:00"
    assert model.index(row, 2).data() == "dự thảo"
    assert model.index(row, 3).data() == "10"  # five districts and five communes connected
    assert int(model.index(row, 4).data()) >= 5
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Chờ ký"
    assert model.index(row, 5).data() == "0"


def test_agenda_tree_and_running_total(qtmodeltester, demo_store):
    detail = provincial(demo_store)
    model = AgendaModel()
    model.set_agenda(detail.agenda)
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    second = model.index(1, 0)
    assert model.rowCount(second) == 2
    assert model.index(0, 1, second).data().startswith("Báo cáo tình hình kinh tế")
    last = model.index(4, 4)
    assert last.data() == str(detail.total_planned_minutes()) == str(model.total_minutes())


def test_agenda_drop_asks_and_changes_nothing(qtmodeltester, demo_store):
    detail = provincial(demo_store)
    model = AgendaModel()
    model.set_agenda(detail.agenda)
    moves, files = [], []
    model.moveRequested.connect(lambda *a: moves.append(a))
    model.filesDropped.connect(lambda *a: files.append(a))
    first, last = detail.agenda[0], detail.agenda[-1]
    mime = model.mimeData([model.index(4, 0)])
    assert mime.hasFormat(AGENDA_MIME)
    # Dropped between the first and second top-level items: index 1 at the top level.
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex()) is False
    # Dropped onto item 1: becomes its last sub-item.
    model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.index(0, 0))
    # Moved down within the same parent: the index counts siblings without the moved item.
    model.dropMimeData(model.mimeData([model.index(0, 0)]), Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert moves == [(last.id, None, 1), (last.id, first.id, None), (first.id, None, 2)]
    assert [model.index(r, 1).data() for r in range(5)] == [n.title for n in detail.agenda]
    pdfs = QMimeData()
    pdfs.setUrls([QUrl.fromLocalFile("/tmp/a.pdf"), QUrl.fromLocalFile("/tmp/notes.txt")])
    assert not model.canDropMimeData(pdfs, Qt.DropAction.CopyAction, 1, 0, QModelIndex())
    assert model.dropMimeData(pdfs, Qt.DropAction.CopyAction, -1, 0, model.index(3, 0))
    assert files == [(detail.agenda[3].id, ["/tmp/a.pdf"])]
    qtmodeltester.check(model)


def test_sites_tree_and_participants(qtmodeltester, demo_store):
    detail = provincial(demo_store)
    with demo_store.read() as s:
        below_ids = descendant_unit_ids(s, detail.unit.id)
        below = [u for u in list_units(s) if u.id in below_ids]
    sites = SiteTreeModel()
    sites.set_units(detail.unit.id, below, {x.unit_id for x in detail.sites})
    qtmodeltester.check(sites)
    assert sites.rowCount() == 5
    toggles = []
    sites.siteToggled.connect(lambda *a: toggles.append(a))
    district = sites.index(0, 0)
    assert district.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    sites.setData(district, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert toggles == [(district.data(Qt.ItemDataRole.UserRole + 1), False)]
    assert district.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked  # until the store says otherwise

    people = ParticipantsModel()
    people.set_participants(detail.participants, {x.unit_id: x.name for x in detail.sites}, detail.unit.name)
    qtmodeltester.check(people)
    assert people.index(0, 2).data() == "chủ trì"
    assert people.index(0, 3).data() == "Hội trường chính (Tỉnh Quảng Trị)"


def test_materials_and_search_hits(qtmodeltester, demo_store):
    from documents.search.service import search

    detail = provincial(demo_store)
    materials = MaterialsModel()
    materials.set_rows(meeting_materials(demo_store, detail.id))
    qtmodeltester.check(materials)
    rows = [[materials.index(r, c).data() for c in range(8)] for r in range(materials.rowCount())]
    assert [rows[2][0], rows[2][2], rows[2][3], rows[2][4], rows[2][5]] == ["3.1", "Tờ trình", "312/TTr-UBND", "thường", "1"]
    assert any(r[4] == "mật" for r in rows)
    assert all(r[7] == "chưa gửi" for r in rows)  # a draft meeting circulates nothing yet

    with demo_store.read() as s:
        hits = search(s, "ngan sach")
    model = SearchHitsModel()
    model.set_hits("ngan sach", hits)
    qtmodeltester.check(model)
    assert model.rowCount() > 0 and "«" in model.index(0, 2).data()


def test_labels_match_the_core():
    assert labels.STATUS == STATUS_VI
    assert labels.KIND == KIND_VI
    assert labels.ROLE == ROLE_VI
    from documents.doctypes import DOC_TYPES
    from documents.models import CLASSIFICATIONS

    assert {code: name for code, (name, _) in DOC_TYPES.items()} == labels.DOC_TYPE
    assert set(labels.CLASSIFICATION) == set(CLASSIFICATIONS)
