"""A damaged store is named as damaged, with its folder, and kg changes nothing in it: a store
missing RocksDB's CURRENT, one with a truncated data file, one with a garbled journal."""
from __future__ import annotations

import hashlib
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import StoreDamaged
from kg.pipeline import build
from kg.store import UNFINISHED_JOURNAL, Store


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_path):
    path = tmp_path_factory.mktemp("damaged") / "store"
    store = Store(path)
    assert build([seed_path], store).added == 1
    del store
    return path


def files_of(folder) -> dict[str, str]:
    """The store's files and their digests (RocksDB's own LOG files aside)."""
    return {entry.name: hashlib.sha256(entry.read_bytes()).hexdigest() for entry in folder.iterdir()
            if not entry.name.startswith("LOG")}


def damage(built, tmp_path, how) -> tuple:
    store = shutil.copytree(built, tmp_path / "store")
    how(store)
    return store, files_of(store)


def drop_current(store):
    (store / "CURRENT").unlink()


def truncate_data(store):
    largest = max(store.glob("*.sst"), key=lambda entry: entry.stat().st_size)
    largest.write_bytes(largest.read_bytes()[:1000])


def garble_journal(store):
    (store / UNFINISHED_JOURNAL).write_bytes(b"\xff\xfe\x00garbage")


def inject_journal(store):
    (store / UNFINISHED_JOURNAL).write_text("urn:a> } ; DROP ALL ; INSERT DATA { <urn:b\n")


@pytest.mark.parametrize("how, words", [(drop_current, "CURRENT file is missing"), (truncate_data, "size mismatch"),
                                        (garble_journal, UNFINISHED_JOURNAL), (inject_journal, UNFINISHED_JOURNAL)],
                         ids=["no CURRENT", "truncated data file", "garbage journal", "journal with update text"])
def test_a_damaged_store_is_named_and_left_as_it_is(built, tmp_path, seed_path, how, words):
    store, before = damage(built, tmp_path, how)
    for command in (["stats"], ["build", str(seed_path)], ["stats"], ["query", "--name", "people"]):
        result = CliRunner().invoke(main, [*command, "--store", str(store)])
        assert result.exit_code == 1, (command, result.output)
        line = result.output.strip()
        assert line.startswith(f"Error: {store}: the store is damaged: ") and words in line, line
        assert "\n" not in line and "internal error" not in line
        assert files_of(store) == before, command
    with pytest.raises(StoreDamaged):
        Store(store, read_only=True)
    assert files_of(store) == before


def test_the_store_is_whole_again_once_its_file_is_back(built, tmp_path):
    """Nothing was lost: with CURRENT put back, the store is the clean build it was."""
    store, _ = damage(built, tmp_path, drop_current)
    CliRunner().invoke(main, ["stats", "--store", str(store)])
    shutil.copy(built / "CURRENT", store / "CURRENT")
    assert sorted(map(str, Store(store, read_only=True).quads())) == sorted(map(str, Store(built, read_only=True).quads()))
