"""The reference list: complete entries, and cite() of unknown keys."""
from pathlib import Path

import pytest
import yaml

import vitasim
from vitasim.refs import Reference, cite, references

REPO = Path(__file__).resolve().parents[2]
FILES = [REPO / "src" / "vitasim" / "refs" / "references.yaml",
         *sorted(p for p in (REPO / "src" / "vitasim").rglob("references.yaml") if p.parent.name != "refs")]
RAW = {}
for _path in FILES:
    for _key, _entry in (yaml.safe_load(_path.read_text()) or {}).items():
        assert _key not in RAW, f"citation key {_key} defined twice ({_path})"
        RAW[_key] = _entry


def test_reference_list_is_a_non_empty_mapping():
    """The merged list (project file plus each module's own file) is what cite() serves."""
    assert isinstance(RAW, dict) and len(RAW) >= 10
    assert set(references()) == set(RAW)


@pytest.mark.parametrize("key", sorted(RAW))
def test_entry_is_complete(key):
    entry = RAW[key]
    for field in ("authors", "year", "title", "journal"):
        assert field in entry and str(entry[field]).strip(), f"{key} lacks {field}"
    assert entry.get("doi") or entry.get("url"), f"{key} has neither doi nor url"
    if entry.get("doi"):
        assert str(entry["doi"]).startswith("10."), f"{key}: doi {entry['doi']!r} is not a DOI"
    url = entry.get("url")
    if url and not str(url).startswith(("http://", "https://")):
        # the project's own documents are cited by their path in the repository
        assert (REPO / str(url)).is_file(), f"{key}: url {url!r} is neither a web address nor a repo file"


def test_cite_known_key():
    ref = vitasim.cite("iom2011")
    assert isinstance(ref, Reference)
    assert ref.key == "iom2011"
    text = ref.format()
    assert str(ref.year) in text and ref.title in text


def test_format_uses_doi_and_marks_unverified():
    ref = cite("jones2012")
    assert ref.doi == "10.1017/S0007114511004132"
    assert "doi:10.1017/S0007114511004132" in ref.format()
    unverified = Reference("k", "A B", 2000, "T", "J", None, "https://x.org", False, "")
    assert unverified.format().endswith("[details not verified]")
    assert "https://x.org" in unverified.format()


def test_cite_unknown_key_suggests_close_one():
    with pytest.raises(vitasim.VitasimInputError) as info:
        vitasim.cite("jones2013")
    assert info.value.field == "refs"
    assert "did you mean" in str(info.value)
    assert "jones2012" in str(info.value) or "jones2014" in str(info.value)


def test_cite_unknown_key_without_close_match():
    with pytest.raises(vitasim.VitasimInputError) as info:
        cite("zzzzzzzzzzzzzzzz")
    assert info.value.field == "refs"
    assert "zzzzzzzzzzzzzzzz" in str(info.value)
