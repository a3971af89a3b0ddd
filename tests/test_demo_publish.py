"""`vanban demo` run again: what it may replace in its output folder without --force."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.demo import MANIFEST, changed_since_last_demo, publish, read_manifest
from generator.errors import OutputError


def stage_with(tmp_path: Path, files: dict[str, bytes], name: str = "stage") -> Path:
    stage = tmp_path / name
    for relative, data in files.items():
        (stage / relative).parent.mkdir(parents=True, exist_ok=True)
        (stage / relative).write_bytes(data)
    return stage


def test_a_first_demo_writes_every_file_and_remembers_each_one(tmp_path):
    out = tmp_path / "out"
    written, unchanged = publish(stage_with(tmp_path, {"a.docx": b"A", "sub/b.docx": b"B"}), out)
    assert sorted(p.relative_to(out).as_posix() for p in written) == ["a.docx", "sub/b.docx"]
    assert unchanged == [] and set(read_manifest(out)) == {"a.docx", "sub/b.docx"}


def test_its_own_untouched_files_are_replaced_and_identical_ones_left_alone(tmp_path):
    out = tmp_path / "out"
    publish(stage_with(tmp_path, {"a.docx": b"A", "key.pem": b"old key"}, "one"), out)
    written, unchanged = publish(stage_with(tmp_path, {"a.docx": b"A", "key.pem": b"new key"}, "two"), out)
    assert [p.name for p in written] == ["key.pem"] and [p.name for p in unchanged] == ["a.docx"]
    assert (out / "key.pem").read_bytes() == b"new key"
    assert changed_since_last_demo(out) == []


def test_an_edited_file_and_a_clerks_own_file_are_both_named_and_nothing_is_moved(tmp_path):
    out = tmp_path / "out"
    publish(stage_with(tmp_path, {"a.docx": b"A", "b.docx": b"B"}, "one"), out)
    (out / "a.docx").write_bytes(b"edited by a clerk")
    (out / "c.docx").write_bytes(b"the clerk's own file")
    assert changed_since_last_demo(out) == [out / "a.docx"]
    with pytest.raises(OutputError) as refused:
        publish(stage_with(tmp_path, {"a.docx": b"A2", "b.docx": b"B2", "c.docx": b"C"}, "two"), out)
    assert refused.value.code == "demo_output_changed" and refused.value.params["count"] == 2
    assert "a.docx" in refused.value.params["paths"] and "c.docx" in refused.value.params["paths"]
    assert (out / "b.docx").read_bytes() == b"B"  # not even the untouched one was replaced
    assert (out / "a.docx").read_bytes() == b"edited by a clerk"


def test_force_replaces_edited_and_foreign_files(tmp_path):
    out = tmp_path / "out"
    publish(stage_with(tmp_path, {"a.docx": b"A"}, "one"), out)
    (out / "a.docx").write_bytes(b"edited")
    (out / "c.docx").write_bytes(b"foreign")
    written, _ = publish(stage_with(tmp_path, {"a.docx": b"A", "c.docx": b"C"}, "two"), out, force=True)
    assert sorted(p.name for p in written) == ["a.docx", "c.docx"]
    assert (out / "c.docx").read_bytes() == b"C" and changed_since_last_demo(out) == []


def test_a_damaged_manifest_counts_as_no_manifest(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    (out / "a.docx").write_bytes(b"old")
    assert read_manifest(out) == {}
    with pytest.raises(OutputError):
        publish(stage_with(tmp_path, {"a.docx": b"A"}), out)
