"""Typed errors of the public API.

Every error caused by what a user gave us is a :class:`VitasimInputError` that names the
field and what would have been accepted; the command line turns it into one line and exit
code 2.  The line is safe to print: control characters (terminal escape codes, newlines) are
shown escaped and quoted input is cut (:func:`quote`), so a hostile 200 kB name gives a short
line.  Errors in a model declaration are :class:`ModelDefinitionError`: they are bugs of the
package, caught by its tests, never the user's fault.
"""
from __future__ import annotations

import re

QUOTE_LIMIT = 80          # characters of user input echoed in a message
MESSAGE_LIMIT = 400       # characters of a whole message (field and text)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters (ESC, newlines, C1 codes) written as visible escapes."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def cut(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when something was left out."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quote(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A value as it was written (its ``repr``), printable and cut: for echoing input in messages."""
    try:
        text = repr(value)
    except Exception:      # a hostile object's repr
        text = f"<{type(value).__name__}>"
    return cut(printable(text), limit)


class VitasimError(Exception):
    """Base class of every error raised on purpose by vitasim."""


class VitasimInputError(VitasimError, ValueError):
    """Bad user input: names the offending field and what is accepted (one printable line)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = cut(printable(str(field)))
        self.message = cut(printable(str(message)), MESSAGE_LIMIT)
        super().__init__(f"{self.field}: {self.message}")


class ModelDefinitionError(VitasimError):
    """A physiological module is declared inconsistently (a package bug)."""
