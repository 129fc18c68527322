"""The "Giới thiệu" box: which Nghị Sự this is (version and build), and what it runs on.

Support asks an office "which version?" before anything else; the answer must be one click away
and the same in a bundle (no git there) as in a clone. The build is read from
``resources/build.txt``, which the bundle build writes (commit and date); a clone has none and
says "bản phát triển" (development build).
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

BUILD_FILE = Path(__file__).resolve().parents[1] / "resources" / "build.txt"


@dataclass(frozen=True)
class AboutFacts:
    version: str
    build: str
    schema: str
    runtime: str


def about_facts() -> AboutFacts:
    try:
        version = metadata.version("nghisu")
    except metadata.PackageNotFoundError:  # run from a folder that was never installed
        version = "?"
    build = BUILD_FILE.read_text(encoding="utf-8").strip() if BUILD_FILE.is_file() else ""
    from store.migrate import head_revision  # noqa: PLC0415 -- deferred for start-up: brings in alembic

    return AboutFacts(
        version=version,
        build=build or QCoreApplication.translate("about", "bản phát triển"),
        schema=head_revision(),
        runtime=f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version} · {sys.platform}",
    )


def about_text(facts: AboutFacts) -> str:
    return (f"<h3>Nghị Sự {facts.version}</h3>"
            + "<p>" + QCoreApplication.translate("about", "Họp không giấy và quản lý văn bản cho Ủy ban nhân dân các cấp.") + "</p>"
            + "<p>" + QCoreApplication.translate("about", "Bản dựng: {build}").format(build=facts.build) + "<br>"
            + QCoreApplication.translate("about", "Cấu trúc kho dữ liệu: {schema}").format(schema=facts.schema) + "<br>"
            + QCoreApplication.translate("about", "Nền tảng: {runtime}").format(runtime=facts.runtime) + "</p>")


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("about", "Giới thiệu Nghị Sự"),
                      about_text(about_facts()), QMessageBox.StandardButton.Close, parent)
    box.setObjectName("aboutBox")
    box.open()
    return box
