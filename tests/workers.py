"""The suite runs in parallel (pytest-xdist): what each worker keeps to itself, and what
one run builds once for all its workers. tests/conftest.py says how a test uses them."""

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path


def worker_id() -> str:
    """``gw0``, ``gw1``... under pytest-xdist; ``main`` when the suite runs in one process."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def run_folder(tmp_path_factory) -> Path:
    """A folder shared by every worker of this run (and by no other run): under xdist
    each worker's temporary folder sits inside the run's own."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if worker_id() != "main" else base


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name`` of this run, filled by ``build(folder)`` by the first worker
    that asks; the others wait on the lock, then find it built. A build that failed is
    tried again by the next worker that asks, which then reports its own error."""
    return build_in(run_folder(tmp_path_factory), name, build)


def build_in(shared: Path, name: str, build: Callable[[Path], None]) -> Path:
    """``built_once`` for a process that knows the run's folder (a background build)."""
    folder = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not (folder / ".built").exists():
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir()
                build(folder)
                (folder / ".built").touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return folder


def first_to_claim(shared: Path, name: str) -> bool:
    """True for exactly one caller in the run (whichever worker comes first)."""
    try:
        os.close(os.open(shared / f"{name}.claimed", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True
