"""Consoles that cannot print every character (a GBK console on Windows, `PYTHONIOENCODING=ascii`):
what they cannot encode is replaced, never a crash."""

from __future__ import annotations

import codecs
import sys

#: Encodings that can encode every character: nothing to replace.
_UNIVERSAL = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030")


def fit_streams() -> None:
    """Set `errors="replace"` on standard output and error where their encoding cannot encode
    every character and they would otherwise raise (cheap: no import, one codec lookup each)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if not encoding or reconfigure is None or getattr(stream, "errors", "strict") != "strict":
            continue
        try:
            if codecs.lookup(encoding).name in _UNIVERSAL:
                continue
            reconfigure(errors="replace")
        except (LookupError, ValueError, OSError):  # an unknown codec, a closed stream: leave it as it is
            continue
