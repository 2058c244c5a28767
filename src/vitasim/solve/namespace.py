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

from numba import njit


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


def jit_for(owner: ModuleType, **options):
    """``njit(cache=True)`` for a closure made for ``owner`` (a namespace), renamed after it.

    Numba names compiled functions by module, qualified name, argument types and a per-process
    counter; two closures of one factory (say the event loop of two models) compiled in two
    processes can get the same name, and once both are loaded from the disk cache the linker
    keeps one of them for both.  The owner's name (model hash and numerics digest) in the
    qualified name keeps every closure's name, and its cache file, its own.
    """
    def wrap(fn):
        fn.__qualname__ = f"{fn.__qualname__}@{owner.__name__}"
        return njit(cache=True, **options)(fn)
    return wrap
