"""Writing user files safely: whole or not at all, with ordinary permissions."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from vitasim.errors import VitasimInputError


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    The folder must exist: a mistyped path is refused rather than silently created."""
    path = Path(path)
    if not path.parent.is_dir():
        raise VitasimInputError("path", f"the folder {str(path.parent)[:80]!r} does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path
