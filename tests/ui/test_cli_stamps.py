"""`nghisu stamp`: a person's signature and a unit's seal kept, shown back byte for byte and
removed from the command line, on both backends; a PNG without transparency is refused in one
line with exit 2 and nothing kept."""

from __future__ import annotations

import pytest

from signing.pdf.appearance import demo_seal_png, demo_signature_png
from store.directory import create_person, create_unit
from tests.register.test_seal_size import without_resolution
from tests.register.test_stamp_images_kept import png
from ui import cli


@pytest.fixture
def run(store, monkeypatch, capsys):
    monkeypatch.setattr(cli.CliContext, "store", lambda self: store)

    def run(*args):
        code = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def owners(store):
    with store.uow() as uow:
        qt = create_unit(uow, code="QT", name="Tỉnh Quảng Trị", level="province", scheme="2019",
                         official_name="Ủy ban nhân dân tỉnh Quảng Trị", place_name="Quảng Trị").id
        chair = create_person(uow, full_name="Nguyễn Văn Minh", position="Chủ tịch UBND tỉnh", unit_id=qt).id
        uow.commit()
    return qt, chair


def test_set_show_and_remove_from_the_command_line(run, owners, tmp_path):
    unit, chair = owners
    sig, seal = tmp_path / "chu-ky.png", tmp_path / "con-dau.png"
    sig.write_bytes(demo_signature_png("Nguyễn Văn Minh"))
    seal.write_bytes(demo_seal_png("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"))
    code, out, err = run("stamp", "set", "signature", chair, sig)
    assert code == 0 and "Đã lưu ảnh chữ ký" in out and "600×240" in out, err
    assert run("stamp", "set", "seal", unit, seal)[0] == 0
    back = tmp_path / "ra.png"
    code, out, _ = run("stamp", "show", "seal", unit, "-o", back)
    assert code == 0 and back.read_bytes() == seal.read_bytes() and "420×420 px" in out
    assert "đóng dấu rộng 36.0 mm" in out  # the demo seal records its resolution (a scan at 100 %)
    bare = tmp_path / "con-dau-khong-dpi.png"
    bare.write_bytes(without_resolution(seal.read_bytes()))
    code, out, err = run("stamp", "set", "seal", unit, bare, "--diameter-mm", "34")
    assert code == 0 and "đóng dấu rộng 34.0 mm" in out, err
    code, _, err = run("stamp", "set", "seal", unit, seal, "--diameter-mm", "40")
    assert code == 2 and "khác đường kính 40 mm đã nhập" in err and len(err.strip().splitlines()) == 1
    code, _, err = run("stamp", "set", "signature", chair, sig, "--diameter-mm", "34")
    assert code == 2 and "Chỉ ảnh con dấu mới có đường kính" in err

    white = tmp_path / "nen-trang.png"
    white.write_bytes(png(mode="RGB"))
    code, _, err = run("stamp", "set", "signature", chair, white)
    assert code == 2 and "không có nền trong suốt" in err and len(err.strip().splitlines()) == 1
    code, _, _ = run("stamp", "show", "signature", chair, "-o", back)
    assert code == 0 and back.read_bytes() == sig.read_bytes()  # the kept one is untouched

    assert "Đã xóa" in run("stamp", "remove", "signature", chair)[1]
    code, _, err = run("stamp", "show", "signature", chair)
    assert code == 2 and "Chưa có ảnh chữ ký" in err
