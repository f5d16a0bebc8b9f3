"""Inputs made to break a build: a file name that is not UTF-8, compressed JSON Lines that
unpack to gigabytes, folders nested thousands deep. Each is reported with its name and the
others are read."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KgError
from kg.pipeline import build
from kg.store import Store


def eleven_articles(folder, seed_path):
    folder.mkdir(parents=True, exist_ok=True)
    text = seed_path.read_text(encoding="utf-8")
    for number in range(11):
        (folder / f"{number:02}.txt").write_text(f"{text}\nCâu thêm số {number}.\n", encoding="utf-8")


def test_a_file_name_that_is_not_utf8_is_reported_and_the_others_stored(tmp_path, seed_path):
    folder = tmp_path / "articles"
    eleven_articles(folder, seed_path)
    with open(os.path.join(os.fsencode(folder), b"tin-m\xf4i.txt"), "w", encoding="utf-8") as out:
        out.write(seed_path.read_text(encoding="utf-8") + "\nCâu khác.\n")
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(tmp_path / "store")])
    assert result.exit_code == 2, result.output + result.stderr
    assert result.stdout.startswith("11 added, 0 replaced, 0 unchanged, 1 failed")
    assert result.stderr.strip() == f"Error: {folder}/tin-m\\xf4i.txt: its name is not UTF-8; rename it to read it"
    assert len(Store(tmp_path / "store", read_only=True).articles()) == 11


def test_folders_nested_1500_deep_are_walked(tmp_path, seed_path):
    """os.walk recursed, and 1,500 nested folders ended in RecursionError with nothing read."""
    deepest = tmp_path / "articles"
    deepest.mkdir()
    for _ in range(1500):  # one by one: os.makedirs recurses too
        deepest = deepest / "d"
        deepest.mkdir()
    shutil.copy(seed_path, deepest / "deep.txt")
    shutil.copy(seed_path, tmp_path / "articles" / "top.txt")
    with open(tmp_path / "articles" / "top.txt", "a", encoding="utf-8") as out:
        out.write("\nCâu thêm.\n")
    try:
        report = build([tmp_path / "articles"], Store(None))
        assert (report.added, report.failed) == (2, [])
    finally:  # from the bottom up: shutil.rmtree, and so pytest's clean-up, recurses too
        (deepest / "deep.txt").unlink()
        while deepest != tmp_path / "articles":
            deepest.rmdir()
            deepest = deepest.parent


RECORD = json.dumps({"text": "Hội nghị\n\nSáng 5/3, ông Nguyễn Văn An, Giám đốc Sở Y tế tỉnh Bắc Ninh, dự hội nghị."},
                    ensure_ascii=False).encode("utf-8")
READ_AND_MEASURE = """import sys
from kg.read import read_inputs
for item in read_inputs([sys.argv[1]]):
    print(type(item).__name__, getattr(item, "reason", item.source))
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""
# VmHWM, this process's own peak; ru_maxrss would count the test process it was forked from


def read_in_a_process(path) -> tuple[list[str], int]:
    """What kg reads from ``path`` in a process of its own, and that process's peak memory in kB."""
    done = subprocess.run([sys.executable, "-c", READ_AND_MEASURE, str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    *items, peak = done.stdout.strip().splitlines()
    return items, int(peak)


def test_a_zipped_json_lines_bomb_is_read_a_line_at_a_time(tmp_path):
    """A 150 kB zip whose JSON Lines member holds a 150 MB line between two records."""
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("bomb.jsonl", "w") as out:
        out.write(RECORD + b"\n")
        for _ in range(150):
            out.write(b" " * (1 << 20))
        out.write(b"x\n" + RECORD + b"\n")
    assert bomb.stat().st_size < 200_000
    items, peak = read_in_a_process(bomb)
    assert items == [f"Article {bomb}/bomb.jsonl:1",
                     "ReadFailure 150.0 MB, more than the 8.0 MB kg reads as one article (--max-size raises the limit)",
                     f"Article {bomb}/bomb.jsonl:3"]
    assert peak < 250_000, f"{peak} kB"


def test_a_gzipped_json_lines_bomb_stops_at_the_unpacked_limit(tmp_path):
    """A 600 kB .jsonl.gz that unpacks to 300 MB: the record before the limit is read, the file reported."""
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb") as out:
        out.write(RECORD + b"\n")
        block = (b" " * 1023 + b"\n") * 1024
        for _ in range(300):
            out.write(block)
    items, peak = read_in_a_process(bomb)
    assert items == [f"Article {bomb}:1",
                     "ReadFailure larger than 256 MB unpacked; unpack it first (the lines before were read)"]
    assert peak < 250_000, f"{peak} kB"


def test_a_bad_base_is_refused_once_before_anything_is_read(tmp_path, seed_path):
    folder = tmp_path / "articles"
    eleven_articles(folder, seed_path)
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(tmp_path / "store"), "--base", "a b/"])
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: --base 'a b/' is not an absolute IRI (it has no scheme); give one like "
                                     "https://example.org/id/")
    read = []
    with pytest.raises(KgError, match="holds a character an IRI cannot"):
        build([folder], Store(None), base="https://example.org/a b/", on_article=read.append)
    assert read == []
