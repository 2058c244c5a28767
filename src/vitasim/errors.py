"""Typed errors of the public API.

Every error caused by what a user gave us is a :class:`VitasimInputError` that names the
field and what would have been accepted; the command line turns it into one line and exit
code 2.  Errors in a model declaration are :class:`ModelDefinitionError`: they are bugs of
the package, caught by its tests, never the user's fault.
"""
from __future__ import annotations


class VitasimError(Exception):
    """Base class of every error raised on purpose by vitasim."""


class VitasimInputError(VitasimError, ValueError):
    """Bad user input: names the offending field and what is accepted."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class ModelDefinitionError(VitasimError):
    """A physiological module is declared inconsistently (a package bug)."""
