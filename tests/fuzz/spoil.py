"""Spoiling a good file the ways files really go bad, and the ways an attacker would.

A spoilt file is the bytes of a good one put through a list of mutations,
each a hypothesis draw, so a failure shrinks to the one mutation that matters.
"""

import codecs
import re

from hypothesis import strategies as st

# Bytes a clerk's editor, a USB stick or an attacker may put anywhere in a file.
PAYLOADS = [
    b"\x00", b"\x1b[31m", b"\r", b"\t", b"\xff", b"\xed\xa0\x80",  # NUL, ANSI, CR, bad UTF-8, CESU surrogate
    "\u202e".encode(), "\u200b".encode(), "\U000e0041".encode(), "\u2028".encode(),
    codecs.BOM_UTF8, codecs.BOM_UTF16_LE, "张三".encode("gbk"),
    b'"', b"'", b'"""', b"[", b"]", b"[[", b"{", b"}", b"=", b",", b".", b"#", b"\\", b"\n",
    b"\\u202e", b"\\U0010FFFF", b"\\ud800", b"\n[[category]]\n", b"\n[[category.item]]\n",
    b"\n[budget]\n", b"\n[[redemption.window]]\n",
]
# Values that are valid TOML but absurd, or nearly valid TOML.
VALUES = [
    b'"\\u202e"', b'"\\u0000"', b'"\\u200b"', b'""', b'"  "', b'"' + b"a" * 3000 + b'"',
    b"-0", b"0", b"-1", b"1e400", b"nan", b"-inf", b"1.5", b"true", b"[]", b"{}", b"[1, [2]]",
    b"2026-02-30", b"2026-11-26", b"1979-05-27T07:32:00Z", b"99999999999999999999",
    b"9" * 5000, b"0x" + b"f" * 5000, b"0b1", b"0o7", b"1_000", b"+5",
    b'"""\nx\n"""', b"'''\x1b'''", b'"once"', b'"mixed"', b'"registered_poor"', b'"2.5"',
]
_VALUE_LINE = re.compile(rb"^(\s*[A-Za-z0-9_\"'.-]+\s*=\s*)(.*)$", re.MULTILINE)

positions = st.integers(min_value=0, max_value=10**6)
mutation = st.one_of(
    st.tuples(st.just("flip"), positions, st.integers(0, 7)),
    st.tuples(st.just("truncate"), positions),
    st.tuples(st.just("insert"), positions, st.sampled_from(PAYLOADS)),
    st.tuples(st.just("insert"), positions, st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("value"), positions, st.sampled_from(VALUES)),
    st.tuples(st.just("drop_line"), positions),
    st.tuples(st.just("repeat_line"), positions),
    # a = [[[[ ... thousands deep, closed or not
    st.tuples(st.just("nest"), st.integers(1, 5000), st.sampled_from([b"[", b"{a = ", b"[{b = "]),
              st.booleans()),
    st.tuples(st.just("pad"), st.sampled_from([1000, 200_000, 300_000])),  # the cap is 256 KiB
    st.tuples(st.just("encode"), st.sampled_from(["utf-8-sig", "gbk", "gb18030", "utf-16"])),
)
mutations = st.lists(mutation, min_size=1, max_size=4)


def spoil(data: bytes, steps) -> bytes:
    for step in steps:
        data = _MUTATE[step[0]](data, *step[1:])
    return data


def _at(data: bytes, position: int) -> int:
    return position % (len(data) + 1)


def _flip(data: bytes, position: int, bit: int) -> bytes:
    if not data:
        return data
    index = position % len(data)
    return data[:index] + bytes([data[index] ^ (1 << bit)]) + data[index + 1:]


def _truncate(data: bytes, position: int) -> bytes:
    return data[:_at(data, position)]


def _insert(data: bytes, position: int, payload: bytes) -> bytes:
    index = _at(data, position)
    return data[:index] + payload + data[index:]


def _value(data: bytes, position: int, value: bytes) -> bytes:
    """The value of one `key = value` line replaced."""
    lines = list(_VALUE_LINE.finditer(data))
    if not lines:
        return data
    line = lines[position % len(lines)]
    return data[:line.start(2)] + value + data[line.end(2):]


def _lines(data: bytes, position: int) -> tuple[list[bytes], int]:
    lines = data.split(b"\n")
    return lines, position % len(lines)


def _drop_line(data: bytes, position: int) -> bytes:
    lines, index = _lines(data, position)
    return b"\n".join(lines[:index] + lines[index + 1:])


def _repeat_line(data: bytes, position: int) -> bytes:
    lines, index = _lines(data, position)
    return b"\n".join(lines[:index + 1] + lines[index:])


def _nest(data: bytes, depth: int, opening: bytes, closed: bool) -> bytes:
    closing = {b"[": b"]", b"{a = ": b"}", b"[{b = ": b"}]"}[opening]
    deep = opening * depth + ((b"1" + closing * depth) if closed else b"")
    return data + b"\nnested = " + deep + b"\n"


def _pad(data: bytes, size: int) -> bytes:
    return data + b"\n# " + b"x" * size + b"\n"


def _encode(data: bytes, encoding: str) -> bytes:
    return data.decode("utf-8", "replace").encode(encoding, "replace")


_MUTATE = {"flip": _flip, "truncate": _truncate, "insert": _insert, "value": _value,
           "drop_line": _drop_line, "repeat_line": _repeat_line, "nest": _nest, "pad": _pad,
           "encode": _encode}
