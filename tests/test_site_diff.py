"""The history pages' word-level differences (checker/website/diff.py), the site's address
(`site_url`, `--site-url`) and the page language: unit and property tests, no browser."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.website.diff import changed, word_diff
from checker.website.hooks import scroll_tables, theme_language
from checker.website.urls import site_url

HERE = Path(__file__).parent
SMALL = HERE / "fixtures" / "site" / "small"

_DEL = re.compile(r"<del>(.*?)</del>", re.S)
_INS = re.compile(r"<ins>(.*?)</ins>", re.S)
TEXT = st.text(alphabet=st.sampled_from(list("ab <>&\"' \n\tcd.")), max_size=60)


def _side(marked: str, keep: str) -> str:
    """One version back from the marked text: keep the <ins> (the new) or the <del> (the old)."""
    drop, take = (_DEL, "ins") if keep == "ins" else (_INS, "del")
    text = drop.sub("", marked)
    return html.unescape(re.sub(rf"</?{take}>", "", text))


@given(TEXT, TEXT)
def test_a_diff_holds_both_versions_and_escapes_everything(old: str, new: str) -> None:
    marked = str(word_diff(old, new))
    assert _side(marked, "ins") == new
    assert _side(marked, "del") == old
    # the only tags are the marks: the versions' own brackets are escaped
    assert set(re.findall(r"<[^>]*>", marked)) <= {"<del>", "</del>", "<ins>", "</ins>"}


def test_a_changed_word_is_one_deletion_and_one_insertion() -> None:
    marked = str(word_diff("The Agency reports incidents monthly.", "The Agency must report incidents monthly."))
    assert marked == "The Agency <del>reports </del><ins>must report </ins>incidents monthly."
    assert str(word_diff("same words", "same words")) == "same words"
    assert not changed("a  b\n", "a b") and changed("a b", "a c") and changed(None, "a")


@pytest.mark.parametrize("value", ["https://example.org/fwdoc", "https://example.org/fwdoc/", "http://localhost:8000/",
                                   "https://user.github.io/framework/site/"])
def test_a_site_url_ends_in_a_slash(value: str) -> None:
    assert site_url(value) == value.rstrip("/") + "/"


@pytest.mark.parametrize("value", ["example.org/fwdoc", "javascript:alert(1)//", "https://example.org/a?b=c",
                                   "https://example.org/#top", "ftp://example.org/", "https://exa mple.org/",
                                   'https://example.org/"><script>', ""])
def test_a_site_url_that_is_not_a_web_address_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="not a web address"):
        site_url(value)


def test_the_cli_refuses_a_bad_site_url_before_building(tmp_path: Path) -> None:
    out = tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "checker", "site", str(SMALL), "--output", str(out),
                          "--site-url", "javascript:alert(1)"], capture_output=True, text=True)
    assert run.returncode == 2, run.stderr
    assert "--site-url" in run.stderr and "not a web address" in run.stderr
    assert not out.exists()


def test_a_bad_site_url_in_the_manifest_fails_the_build_with_its_place(tmp_path: Path) -> None:
    import shutil

    from checker.website.build import build_site
    from checker.website.data import SiteError

    doc = tmp_path / "doc"
    shutil.copytree(SMALL, doc)
    manifest = doc / "manifest.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "site_url: not-an-address\n", encoding="utf-8")
    with pytest.raises(SiteError, match=r"manifest\.yaml.*(site_url|pattern)"):
        build_site(doc, tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(("tag", "theme"), [("en-GB", "en"), ("en", "en"), ("fr", "fr"), ("pt-BR", "pt-BR"),
                                            ("xx-YY", "en"), ("../../etc", "en")])
def test_the_theme_speaks_the_nearest_language_it_has(tag: str, theme: str) -> None:
    assert theme_language(tag) == theme


def test_tables_get_a_focusable_named_scroll_region_of_their_own() -> None:
    page = ('<h2 id="x">Limits<a class="headerlink" href="#x">&para;</a></h2><table><tr><td>1</td></tr></table>'
            '<table class="t"><caption>Who &amp; what</caption><tr><td>2</td></tr></table>'
            '<div class="fw-scroll" tabindex="0" role="region" aria-label="Kept">\n<table class="fw-table"></table></div>'
            '<table></table>')
    out = scroll_tables(page)
    assert out.count('role="region"') == 4
    assert 'aria-label="Table: Limits"><table class="fw-table">' in out
    assert 'aria-label="Who &amp; what"><table class="t">' in out
    assert 'aria-label="Table: Limits (2)"' in out  # names are unique on a page
    assert out.count('aria-label="Kept"') == 1 and "<div" not in out.split('aria-label="Kept">')[1].split("</div>")[0]
