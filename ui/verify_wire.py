"""The verification server's wire format, both directions (``ui.verify_client`` describes it).

The command's thin path imports this module, so it imports nothing Python has not loaded
before our first line (issue 18: ``json``, the format before, imported ``re`` and ``enum``,
≈ 8 ms of that path's start); the server imports it too, so both sides read one definition.
Every decoder raises ValueError on anything but one whole, well-formed message.
"""

# No `from __future__ import annotations` here, nor in the rest of the thin path: the
# __future__ module is one more file to read; the quoted annotations need nothing at run time.
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

#: Every length on the wire (a message's body, each item in it): 4 bytes, big-endian.
LENGTH = 4
REQUEST = b"nghisu-verify-1"
ANSWER, OTHER, UNAVAILABLE, STALE = b"answer", b"other", b"unavailable", b"stale"
_CHUNK = 1 << 16


def message(items: "Iterable[bytes]") -> bytes:
    """One message: the length of its body, then each item as its length and its bytes."""
    body = b"".join(len(item).to_bytes(LENGTH, "big") + item for item in items)
    return len(body).to_bytes(LENGTH, "big") + body


def items(body: bytes) -> list[bytes]:
    """The items of a message's body; ValueError if the last one is cut short."""
    out, at = [], 0
    while at < len(body):
        start = at + LENGTH
        end = start + int.from_bytes(body[at:start], "big")
        if start > len(body) or end > len(body):
            raise ValueError(f"an item cut short at byte {at}")
        out.append(body[start:end])
        at = end
    return out


def receive(recv: "Callable[[int], bytes]", limit: int, first: bytes = b"") -> bytes:
    """The body of the one message a peer sends, read with ``recv`` after ``first`` (what was
    read already, with its descriptor); never more than that message is read. ValueError if
    its body is longer than ``limit`` bytes, or the peer stops short of its end or sends more."""
    data = _read_to(recv, first, LENGTH)
    size = int.from_bytes(data[:LENGTH], "big")
    if size > limit:
        raise ValueError(f"a message of {size} bytes (at most {limit})")
    data = _read_to(recv, data, LENGTH + size)
    if len(data) > LENGTH + size:
        raise ValueError("more than one message")
    return data[LENGTH:]


def _read_to(recv: "Callable[[int], bytes]", data: bytes, need: int) -> bytes:
    parts, have = [data], len(data)
    while have < need:
        chunk = recv(min(_CHUNK, need - have))
        if not chunk:
            raise ValueError(f"no whole message ({have} of {need} bytes)")
        parts.append(chunk)
        have += len(chunk)
    return b"".join(parts)


def _entry(raw: bytes, key: bool = False) -> bytes:
    """An argument, a variable's name or its value: never NUL (the kernel cannot pass one); a
    name is not empty and has no ``=``."""
    if b"\0" in raw or (key and (not raw or b"=" in raw)):
        raise ValueError(f"not a command-line or environment entry: {raw[:40]!r}")
    return raw


def request(installation: str, argv: "Iterable[str]", env: "Mapping[str, str]") -> bytes:
    """The command's request. Arguments and variables as the kernel gave them (os.fsencode:
    a byte that is not UTF-8 goes as that byte); ValueError for one the kernel cannot pass."""
    args = [_entry(os.fsencode(arg)) for arg in argv]
    pairs = []
    for name, value in env.items():
        pairs += [_entry(os.fsencode(name), key=True), _entry(os.fsencode(value))]
    return message([REQUEST, os.fsencode(installation), b"%d" % len(args), *args, b"%d" % len(env), *pairs])


def decode_request(body: bytes) -> tuple[str, list[str], dict[str, str]]:
    """(installation, argv, environment) of a request's body; ValueError if malformed."""
    fields = items(body)
    if len(fields) < 4 or fields[0] != REQUEST:
        raise ValueError("not a verification request")
    count = _number(fields[2])
    if 3 + count >= len(fields):
        raise ValueError("fewer arguments than counted")
    args, variables, pairs = fields[3:3 + count], _number(fields[3 + count]), fields[4 + count:]
    if len(pairs) != 2 * variables:
        raise ValueError("not as many variables as counted")
    env = {os.fsdecode(_entry(name, key=True)): os.fsdecode(_entry(value))
           for name, value in zip(pairs[::2], pairs[1::2], strict=True)}
    return os.fsdecode(fields[1]), [os.fsdecode(_entry(arg)) for arg in args], env


def _text(text: str) -> bytes:
    """Output as UTF-8; a file name's undecodable byte (surrogateescape) as that byte again."""
    return text.encode("utf-8", "surrogateescape")


def _number(raw: bytes, signed: bool = False) -> int:
    digits = raw[1:] if signed and raw.startswith(b"-") else raw
    if not digits.isdigit() or len(digits) > 18:  # ASCII digits only: int() would take " +1_0"
        raise ValueError(f"not a number: {raw[:20]!r}")
    return int(raw)


def answer(code: int, pid: int, stdout: str, stderr: str) -> bytes:
    """The server's answer: the command's exit code and output, and the child that ran it."""
    return message([ANSWER, b"%d" % code, b"%d" % pid, _text(stdout), _text(stderr)])


def other() -> bytes:
    """The server runs another installation's code (its socket name's checksum matched)."""
    return message([OTHER])


def unavailable(why: str) -> bytes:
    """The server does not answer this command (``why``): the command checks the file itself."""
    return message([UNAVAILABLE, _text(why)])


def stale() -> bytes:
    """The server's code changed on disk: it stops, and the command starts a new one."""
    return message([STALE])


class Reply:
    """A reply as read: ``kind`` ``answer`` (``code``, ``pid``, ``stdout``, ``stderr``),
    ``unavailable`` (``why``), ``other`` or ``stale``."""

    __slots__ = ("kind", "code", "pid", "stdout", "stderr", "why")

    def __init__(self, kind: bytes, code: int = 0, pid: int = 0, stdout: str = "", stderr: str = "",
                 why: str = "") -> None:
        self.kind, self.code, self.pid, self.stdout, self.stderr, self.why = kind, code, pid, stdout, stderr, why

    def _values(self) -> tuple[bytes, int, int, str, str, str]:
        return self.kind, self.code, self.pid, self.stdout, self.stderr, self.why

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Reply) and self._values() == other._values()

    def __repr__(self) -> str:
        return f"Reply{self._values()!r}"


def decode_reply(body: bytes) -> Reply:
    """The server's reply from its body; ValueError if malformed."""
    fields = items(body)
    kind = fields[0] if fields else b""
    if kind == ANSWER and len(fields) == 5:
        return Reply(kind, _number(fields[1], signed=True), _number(fields[2]),
                     fields[3].decode("utf-8", "surrogateescape"), fields[4].decode("utf-8", "surrogateescape"))
    if kind == UNAVAILABLE and len(fields) == 2:
        return Reply(kind, why=fields[1].decode("utf-8", "surrogateescape"))
    if kind in (OTHER, STALE) and len(fields) == 1:
        return Reply(kind)
    raise ValueError(f"not a reply: {kind[:20]!r} with {len(fields)} items")
