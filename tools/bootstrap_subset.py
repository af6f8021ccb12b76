"""The part of Bootstrap's stylesheet the site uses: static/vendor/bootstrap/bootstrap.subset.css.

    .venv/bin/python -m tools.bootstrap_subset [--check]

Bootstrap's whole stylesheet (232 KB) blocks the first paint of every page, and the
browser matches every one of its rules against the page: the public pages use about a
tenth of it. This keeps, from the vendored ``bootstrap.min.css``, each selector whose
classes and attribute names all occur as words in what can write a class into a public
page: the templates, the site's Python and JavaScript, and crispy-forms' Bootstrap 5
templates and tags. A word written just before a template tag or a string's end
(``alert-{{ level }}``, ``"btn-" + kind``) keeps every class it begins. Media queries,
``@supports`` and keyframes follow the rules they hold or that use them; element
selectors (the reboot) stay. Run it again when a template starts using a Bootstrap class
it did not use; ``--check`` (run by the test suite) fails when the file is not what the
code would write now.
"""

import argparse
import re
import sys
from pathlib import Path

import crispy_bootstrap5
import crispy_forms

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "static/vendor/bootstrap/bootstrap.min.css"
TARGET = ROOT / "static/vendor/bootstrap/bootstrap.subset.css"
SKIPPED_DIRS = {".venv", "node_modules", "tests", "bench", "tools", ".git", "staticfiles"}
CRISPY_UNUSED = {
    "accordion",
    "accordion-group",
    "modal",
    "tab",
    "tab-link",
    "table_inline_formset",
    "uni_formset",
    "whole_uni_formset",
    "errors_formset",
}
WORD = re.compile(r"[A-Za-z0-9_-]+")
CLASS = re.compile(r"\.((?:\\.|[A-Za-z0-9_-])+)")
ATTRIBUTE = re.compile(r"\[([A-Za-z0-9_-]+)")


def sources() -> list[Path]:
    """Every file that may put a class name into a public page."""
    found = [
        path
        for path in ROOT.rglob("*")
        if path.suffix in (".html", ".py", ".js", ".txt")
        and path.is_file()
        and not SKIPPED_DIRS & set(path.relative_to(ROOT).parts)
        and "vendor" not in path.parts
    ]
    # ``as_crispy_field``, the one crispy-forms tag the templates use: its tags and the
    # field templates, not the layouts the site does not use (accordions, modals, tabs).
    crispy = Path(crispy_forms.__file__).parent
    found += [*crispy.glob("templatetags/*.py"), crispy / "utils.py"]
    templates = Path(crispy_bootstrap5.__file__).parent / "templates"
    found += [p for p in templates.rglob("*.html") if p.stem not in CRISPY_UNUSED]
    return sorted(found)


def used_words(paths: list[Path]) -> tuple[set[str], tuple[str, ...]]:
    """The words of these files, and the prefixes that end where a class is built."""
    words, prefixes = set(), set()
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        words.update(WORD.findall(text))
        prefixes.update(re.findall(r"([A-Za-z][A-Za-z0-9_]*-)(?:\{\{|\{%|[\"'`]\s*\+)", text))
    return words, tuple(sorted(prefixes))


def split_top(text: str, separator: str) -> list[str]:
    """``text`` split on ``separator`` outside parentheses and brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def blocks(css: str) -> list[tuple[str, str]]:
    """Top-level ``(prelude, body)`` pairs of a minified stylesheet; a statement without
    a body (``@charset``) has ``None`` for its body."""
    out, index = [], 0
    while index < len(css):
        brace = css.find("{", index)
        semicolon = css.find(";", index)
        if brace == -1:
            break
        if css.startswith("@", index) and -1 < semicolon < brace:
            out.append((css[index:semicolon], None))
            index = semicolon + 1
            continue
        depth, end = 0, brace
        while True:
            if css[end] == "{":
                depth += 1
            elif css[end] == "}":
                depth -= 1
                if depth == 0:
                    break
            end += 1
        out.append((css[index:brace].strip(), css[brace + 1 : end]))
        index = end + 1
    return out


def keeps(selector: str, words: set[str], prefixes: tuple[str, ...]) -> bool:
    classes = [name.replace("\\", "") for name in CLASS.findall(selector)]
    attributes = ATTRIBUTE.findall(selector)
    return all(c in words or c.startswith(prefixes) for c in classes) and all(
        a in words for a in attributes
    )


def subset(css: str, words: set[str], prefixes: tuple[str, ...]) -> str:
    kept, keyframes = [], []
    for prelude, body in blocks(css):
        if body is None:
            kept.append(prelude + ";")
        elif prelude.startswith("@keyframes"):
            keyframes.append((prelude, body))
        elif prelude.startswith(("@media", "@supports", "@layer", "@container")):
            inner = subset(body, words, prefixes)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        else:
            selectors = [s for s in split_top(prelude, ",") if keeps(s, words, prefixes)]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    text = "".join(kept)
    for prelude, body in keyframes:
        if re.search(rf"animation[^;}}]*\b{re.escape(prelude.split()[-1])}\b", text):
            text += f"{prelude}{{{body}}}"
    return text


def build() -> str:
    css = SOURCE.read_text(encoding="utf-8")
    licence = css[css.index("/*!") : css.index("*/") + 2]
    words, prefixes = used_words(sources())
    body = subset(css[css.index("*/") + 2 :], words, prefixes)
    return (
        f'@charset "UTF-8";{licence}\n'
        "/* The rules of bootstrap.min.css the site uses: written by tools/bootstrap_subset.py,"
        " do not edit. */\n"
        f"{body}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    args = parser.parse_args()
    text = build()
    if args.check:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET.relative_to(ROOT)} is stale: python -m tools.bootstrap_subset")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {len(text):,} bytes of {SOURCE.stat().st_size:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
