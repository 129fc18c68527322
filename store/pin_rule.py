"""What a new PIN must be (embedded mode, ``store.directory.identity``), in a module of its own
so the first-start assistant can refuse one on its page before anything is written, without
loading the database layer at start-up."""

from __future__ import annotations

from store.errors import InvalidInput

PIN_DIGITS = 6


def check_new_pin(pin: str, again: str | None = None) -> None:
    """Refuse a PIN that is not at least ``PIN_DIGITS`` digits, or (``again``: typed a second
    time) that was not typed the same twice. Never says the PIN itself."""
    if not (pin.isascii() and pin.isdigit() and len(pin) >= PIN_DIGITS):
        raise InvalidInput(f"Mã PIN cần ít nhất {PIN_DIGITS} chữ số (chỉ chữ số 0–9).",
                           f"A PIN needs at least {PIN_DIGITS} digits (0–9 only).")
    if again is not None and pin != again:
        raise InvalidInput("Hai lần nhập mã PIN không giống nhau; hãy nhập lại.",
                           "The two PINs typed differ; type them again.")
