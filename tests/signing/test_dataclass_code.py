"""The compiled-method cache for dataclasses (signing.pyhanko_patches.dataclass_code).

Every check runs in a fresh interpreter (the patch is process state) and writes its cache under
tmp_path. The methods a dataclass gets must be the very functions ``dataclasses`` writes
without the cache: same bytecode, constants, names, annotations and defaults, whether the
method was compiled in this process or loaded from the cache a previous process wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Classes exercising every method dataclasses writes (and both kinds of annotation).
_CLASSES = '''
import dataclasses
from dataclasses import InitVar, dataclass, field
from typing import ClassVar

@dataclass
class Plain:
    a: int
    b: str = "x"
    c: list = field(default_factory=list)
    d: int = field(default=3, init=False)
    k: ClassVar[int] = 1

@dataclass(frozen=True, order=True, unsafe_hash=True)
class Frozen:
    when: "float"
    name: str = "?"

@dataclass(kw_only=True, slots=True)
class KwSlots:
    x: int
    y: tuple = ()

@dataclass(eq=False, repr=False)
class Post:
    raw: InitVar[bytes]
    size: int = 0
    def __post_init__(self, raw):
        self.size = len(raw)
'''

_PROBE = """
import json, sys
from pathlib import Path
mode, path = sys.argv[1], Path(sys.argv[2])
from signing.pyhanko_patches import dataclass_code
installed = dataclass_code.install(path) if mode != "plain" else False
ns = {}
exec(compile(CLASSES, "classes", "exec"), ns)

def fingerprint(fn):
    c = fn.__code__
    return [c.co_code.hex(), repr(c.co_consts), c.co_names, c.co_varnames, c.co_freevars, c.co_filename,
            c.co_name, fn.__qualname__, repr(fn.__annotations__), repr(fn.__defaults__), repr(fn.__kwdefaults__)]

methods = {}
for cls in ("Plain", "Frozen", "KwSlots", "Post"):
    for name, fn in sorted(vars(ns[cls]).items()):
        if callable(fn) and hasattr(fn, "__code__") and name != "__post_init__":
            methods[f"{cls}.{name}"] = fingerprint(fn)
p = ns["Plain"](1)
behaviour = [repr(p), p == ns["Plain"](1), sorted([ns["Frozen"](2.0), ns["Frozen"](1.0)])[0].when,
             hash(ns["Frozen"](1.0)) == hash(ns["Frozen"](1.0)), repr(ns["KwSlots"](x=1)), ns["Post"](b"abc").size]
saved = dataclass_code.save() if installed else False
print(json.dumps({"installed": installed, "compiled": dataclass_code.compiled_here(), "saved": saved,
                  "methods": methods, "behaviour": behaviour}))
""".replace("CLASSES", repr(_CLASSES))


def _probe(mode: str, cache: Path, **env_changes: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NGHISU_PYHANKO_PATCHES", "PYTHONDONTWRITEBYTECODE")}
    for key, value in env_changes.items():
        if value is not None:
            env[key] = value
    out = subprocess.run([sys.executable, "-c", _PROBE, mode, str(cache)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_methods_are_those_dataclasses_writes_compiled_here_or_loaded_from_the_cache(tmp_path):
    cache = tmp_path / "methods.marshal"
    plain = _probe("plain", cache)
    first = _probe("cached", cache)
    assert first["installed"] and first["compiled"] > 10 and first["saved"] and cache.is_file()
    second = _probe("cached", cache)
    assert second["compiled"] == 0, "every method came from the cache the first process wrote"
    assert not second["saved"], "nothing new: the cache is not rewritten"
    assert len(plain["methods"]) >= 15
    assert first["methods"] == plain["methods"]
    assert second["methods"] == plain["methods"]
    assert first["behaviour"] == second["behaviour"] == plain["behaviour"]


def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path):
    cache = tmp_path / "methods.marshal"
    plain = _probe("plain", cache)
    cache.write_bytes(b"\x00not marshal at all")
    damaged = _probe("cached", cache)
    assert damaged["installed"] and damaged["compiled"] > 10 and damaged["saved"]
    assert damaged["methods"] == plain["methods"]
    assert _probe("cached", cache)["compiled"] == 0


def test_the_switch_and_dont_write_bytecode_are_obeyed(tmp_path):
    cache = tmp_path / "methods.marshal"
    off = _probe("cached", cache, NGHISU_PYHANKO_PATCHES="off")
    assert not off["installed"] and not cache.exists()
    no_bytecode = _probe("cached", cache, PYTHONDONTWRITEBYTECODE="1")
    assert no_bytecode["installed"] and not no_bytecode["saved"] and not cache.exists()


def test_the_verifier_uses_the_cache_beside_its_bytecode():
    probe = ("from signing.verify import worker; worker.prepare()\n"
             "from signing.pyhanko_patches import dataclass_code as d\n"
             "print(d.installed(), d.cache_file().parent.name, d.cache_file().name)")
    env = {k: v for k, v in os.environ.items() if k != "NGHISU_PYHANKO_PATCHES"}
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         check=True, env={**env, "PYTHONDONTWRITEBYTECODE": "1"})
    installed, folder, name = out.stdout.split()
    assert installed == "True" and folder == "__pycache__"
    assert name == f"dataclass_code.{sys.implementation.cache_tag}.marshal"
