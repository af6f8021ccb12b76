"""The site ships the part of Bootstrap it uses (tools/bootstrap_subset.py)."""

from tools import bootstrap_subset


def test_the_subset_is_what_the_templates_need_now():
    # A template that starts using a Bootstrap class needs the file written again.
    assert bootstrap_subset.TARGET.read_text(encoding="utf-8") == bootstrap_subset.build(), (
        "stale: .venv/bin/python -m tools.bootstrap_subset"
    )


def test_the_subset_keeps_used_rules_and_drops_unused_ones():
    css = (
        ".btn{a:1}.modal{b:2}@media (min-width:576px){.col-sm-6{c:3}.modal-lg{d:4}}"
        "[data-bs-theme=dark]{e:5}h1,.h1{f:6}.alert-danger{g:7}.spinner{animation:spin 1s}"
        "@keyframes spin{to{x:1}}@keyframes fade{to{x:0}}"
    )
    words = {"btn", "col-sm-6", "spinner"}
    assert bootstrap_subset.subset(css, words, ("alert-",)) == (
        ".btn{a:1}@media (min-width:576px){.col-sm-6{c:3}}h1{f:6}.alert-danger{g:7}"
        ".spinner{animation:spin 1s}@keyframes spin{to{x:1}}"
    )
