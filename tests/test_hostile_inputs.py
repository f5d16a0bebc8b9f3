"""Inputs made to break a build: a file name that is not UTF-8, compressed JSON Lines that
unpack to gigabytes, folders nested thousands deep. Each is reported with its name and the
others are read."""
from __future__ import annotations

import os
import shutil

from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import build
from kg.store import Store


def twelve_articles(folder, seed_path):
    folder.mkdir(parents=True, exist_ok=True)
    text = seed_path.read_text(encoding="utf-8")
    for number in range(11):
        (folder / f"{number:02}.txt").write_text(f"{text}\nCâu thêm số {number}.\n", encoding="utf-8")


def test_a_file_name_that_is_not_utf8_is_reported_and_the_others_stored(tmp_path, seed_path):
    folder = tmp_path / "articles"
    twelve_articles(folder, seed_path)
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
