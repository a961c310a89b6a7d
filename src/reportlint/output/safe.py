"""Text from a report or a file name, made safe to print.

On a terminal (`shown`): control characters (C0, DEL, C1), invisible format characters (bidi
overrides, zero-width characters, line and paragraph separators) are shown escaped — ``\\x1b``,
``\\r``, ``\\u202e`` — so that no escape sequence runs and no line is overwritten. Everywhere
(`utf8`, for JSON and SARIF too): the lone surrogates Python gives a file name that is not valid
UTF-8 become U+FFFD, so the output stays valid UTF-8.
"""

from __future__ import annotations

import re

#: Cc, Cf, Zl, Zp (Unicode 14) and the surrogates.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
REPLACEMENT = "\ufffd"


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return REPLACEMENT
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown(text: str) -> str:
    """`text` as it may be printed on a terminal: nothing in it can move the cursor or run a sequence."""
    return _UNSAFE.sub(_escape, text)


def utf8(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD: encodable as UTF-8, otherwise exact."""
    return _SURROGATE.sub(REPLACEMENT, text)
