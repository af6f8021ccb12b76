"""Compile every locale/*/LC_MESSAGES/*.po to .mo with polib, so gettext is not needed.

Run with ``python -m core.compile_messages`` (``make messages`` does, after
``makemessages``). The .mo files are committed: installing the site needs no
gettext tools.
"""

import sys
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent


def compile_catalogues(locale_dir: Path = BASE_DIR / "locale") -> list[Path]:
    """Write a .mo beside each .po; fuzzy and untranslated entries are left out."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(po_path))
        mo_path = po_path.with_suffix(".mo")
        catalogue.save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def main() -> int:
    written = compile_catalogues()
    for path in written:
        print(f"compiled {path.relative_to(BASE_DIR)}")
    if not written:
        print("no catalogue found under locale/", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
