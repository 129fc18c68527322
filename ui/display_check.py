"""Can a window be shown here? Asked before Qt is started.

Without a display Qt's xcb plugin prints a few lines and aborts the process (exit 134), and
when a system library is missing it blames the wrong one (``libxcb-cursor0`` for a missing
``libxcb-icccm4``). This module answers first, in one plain line naming what to do, without
loading Qt: it looks at the environment, then loads the xcb plugin with the dynamic loader,
whose error names the library that is really missing.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import sys
from pathlib import Path

from store.errors import NghisuError

INSTALL_HINT = "tools/install-system-packages --gui"
#: Platforms that need no display of their own (QT_QPA_PLATFORM).
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay", "minimalegl")


class DisplayUnavailable(NghisuError):
    """No window can be shown here: no display, or Qt's platform plugin cannot load."""


def xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return path if path.exists() else None


def plugin_load_error(plugin: Path) -> str | None:
    """The dynamic loader's complaint about ``plugin`` (None when it loads)."""
    try:
        ctypes.CDLL(str(plugin), mode=getattr(os, "RTLD_LAZY", 1) | getattr(os, "RTLD_LOCAL", 0))
    except OSError as exc:
        return str(exc).replace(f"{plugin}: ", "")
    return None


def check_display(environ: os._Environ | dict[str, str] | None = None, plugin: Path | None = None) -> None:
    """Raise ``DisplayUnavailable`` (exit 2) when Qt could not open a window here; Linux only
    (Windows and macOS always have their display)."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if platform in HEADLESS_PLATFORMS:
        return
    wayland = platform.startswith("wayland") or (not platform and not env.get("DISPLAY"))
    if wayland and env.get("WAYLAND_DISPLAY"):
        return  # Qt's Wayland plugin; it falls back to xcb by itself where it can
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        raise DisplayUnavailable(
            "Không có màn hình để mở cửa sổ (chưa đặt DISPLAY hay WAYLAND_DISPLAY): hãy chạy Nghị Sự trong phiên "
            "làm việc có giao diện, hoặc dùng các lệnh dòng lệnh (nghisu --help).",
            "There is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set): run Nghị Sự "
            "in a desktop session, or use the command-line commands (nghisu --help).",
        )
    if env.get("DISPLAY") and platform in ("", "xcb"):
        plugin = plugin or xcb_plugin()
        problem = plugin_load_error(plugin) if plugin is not None else None
        if problem:
            raise DisplayUnavailable(
                f"Thiếu thư viện hệ thống để mở cửa sổ ({problem}): hãy chạy {INSTALL_HINT} rồi mở lại.",
                f"A system library the window needs is missing ({problem}): run {INSTALL_HINT}, then start again.",
            )
        if plugin is not None and not x_server_answers(env["DISPLAY"]):
            raise DisplayUnavailable(
                f"Không kết nối được màn hình DISPLAY={env['DISPLAY']}: hãy kiểm tra phiên làm việc có giao diện "
                "(hoặc biến DISPLAY) rồi mở lại.",
                f"Cannot connect to the display DISPLAY={env['DISPLAY']}: check the desktop session (or DISPLAY), "
                "then start again.",
            )


def x_server_answers(display: str) -> bool:
    """Whether an X server accepts a connection on ``display`` (libxcb, as Qt would connect)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # the plugin loaded, so libxcb is there; let Qt speak for itself
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(display.encode(), None)
    try:
        return bool(conn) and xcb.xcb_connection_has_error(conn) == 0
    finally:
        if conn:
            xcb.xcb_disconnect(conn)
