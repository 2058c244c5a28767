"""Namespaces that bind generic compiled numerics to one model, and keep numba's disk cache.

A generic method (:mod:`vitasim.solve.dopri5`, :mod:`vitasim.solve.rosenbrock`, ...) is written
once, in an ordinary module, as a factory: ``make_integrate(field)`` returns a compiled closure
that calls ``field.f``.  Numba cannot cache a function that is *passed* a compiled function (the
function object becomes a process-specific address), and a closure over compiled functions
misses the cache in every new process (their pickled form holds a random id).  A closure over a
*module* works: numba resolves ``field.f`` at compile time, and the module pickles as its name,
which carries the generated model's content hash.  So each binding is a small module object
registered in ``sys.modules`` under ``<generated module>.<role>``.
"""
from __future__ import annotations

import sys
from types import ModuleType


def namespace(name: str, file: str, **attrs) -> ModuleType:
    """A module called ``name`` holding ``attrs``, importable by name (for pickling by reference).

    ``file`` (the generated model's path) marks it as backed by a file, so pickling refers to it
    by name instead of copying its contents.
    """
    module = sys.modules.get(name)
    if module is None:
        module = ModuleType(name)
        module.__file__ = file
        sys.modules[name] = module
    for key, value in attrs.items():
        setattr(module, key, value)
    return module
