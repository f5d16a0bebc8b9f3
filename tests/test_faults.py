"""Faults around the store: a build killed at a random moment, two builds on one store, a
full disk, a read-only folder. The store is never half-written, and the user gets one line
saying what happened.

These run ``kg`` in subprocesses, as a user would; the full-disk and read-only tests mount a
small tmpfs when this machine lets them (root, as in CI), and otherwise skip, saying why.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.errors import StoreError
from kg.store import Store

from conftest import SEED

KG = [sys.executable, "-c", "from kg.cli import main; main()"]
PROVINCES = ["Nam Định", "Thái Bình", "Hà Nam", "Ninh Bình", "Hưng Yên", "Bắc Ninh"]
ARTICLES = 240  # BATCH_ARTICLES is 50: a build writes five batches


def kg(*args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*KG, *map(str, args)], capture_output=True, text=True, input=stdin, timeout=600)


def write_articles(folder: Path, count: int) -> Path:
    """Short variants of the seed article (its header and first paragraph), each its own story:
    another province, another year. Short, so a build writes several batches in a few seconds."""
    seed = "\n".join(SEED.read_text(encoding="utf-8").split("\n")[:5])
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        text = seed.replace("Hải Phòng", PROVINCES[index % len(PROVINCES)]).replace("2045", str(2046 + index))
        (folder / f"article_{index:03}.txt").write_text(text, encoding="utf-8")
    return folder


def dump(store: Path) -> list[str]:
    """The store's quads as sorted N-Quads lines (kg's IRIs are deterministic, there are no blank nodes)."""
    result = kg("export", "--format", "nq", "--store", store)
    assert result.returncode == 0, result.stderr
    return sorted(result.stdout.splitlines())


class Reference:
    def __init__(self, folder: Path, store: Path) -> None:
        started = time.monotonic()
        result = kg("build", folder, "--store", store)
        self.seconds = time.monotonic() - started
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"{ARTICLES} added")
        self.quads = dump(store)


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    return write_articles(tmp_path_factory.mktemp("faults") / "articles", ARTICLES)


@pytest.fixture(scope="module")
def reference(articles, tmp_path_factory) -> Reference:
    """The store of an uninterrupted build."""
    return Reference(articles, tmp_path_factory.mktemp("reference") / "store")


def one_error_line(result: subprocess.CompletedProcess, *fragments: str) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    for fragment in fragments:
        assert fragment in line, line
    return line


def test_a_build_killed_at_random_moments_and_run_again_gives_the_same_store(articles, reference, tmp_path):
    """SIGKILL to the build and its workers (as the OOM killer or a power cut would), three
    times, at random moments of a whole build's time; the next build completes the store."""
    seed = random.randrange(1_000_000)
    moments = sorted(random.Random(seed).sample(range(5, 95), 3))
    store = tmp_path / "store"
    stored = []
    for percent in moments:
        build = subprocess.Popen([*KG, "build", str(articles), "--store", str(store)], start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(reference.seconds * percent / 100)
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        stored.append(len(Store(store).articles()) if (store / "CURRENT").exists() else 0)
    again = kg("build", articles, "--store", store)
    assert again.returncode == 0, again.stderr
    assert dump(store) == reference.quads, f"killed at {moments}% of a build (random seed {seed})"
    print(f"killed at {moments}% of {reference.seconds:.1f} s with {stored} articles stored; "
          f"the next build: {again.stdout.strip()}")


def test_a_second_build_on_a_store_in_use_refuses_and_changes_nothing(articles, reference, tmp_path):
    store = tmp_path / "store"
    first = subprocess.Popen([*KG, "build", "-", "--input-format", "text", "--store", str(store)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not (store / "LOCK").exists():  # the first build has the store open and waits for its input
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        second = kg("build", articles, "--store", store)
        one_error_line(second, f"{store}: the store is in use by another kg process")
        assert second.stdout == ""
        out, err = first.communicate("Hội nghị\n\nSáng 5/3, ông Nguyễn Văn An dự hội nghị.\n", timeout=120)
    finally:
        first.kill()
    assert first.returncode == 0, err
    assert out.startswith("1 added")
    again = kg("build", articles, "--store", store)
    assert again.stdout.startswith(f"{ARTICLES} added")
    quads = dump(store)
    assert set(reference.quads) <= set(quads)
    assert kg("validate", "--store", store).returncode == 0


@contextmanager
def small_disk(folder: Path, size: str):
    """A tmpfs of ``size`` mounted at ``folder``; skips the test where mounting is not allowed."""
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root); the fake full disk test covers the message")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"this machine does not allow mounting a tmpfs: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def test_a_full_disk_stops_the_build_with_a_clear_error_and_loses_nothing(articles, reference, tmp_path):
    with small_disk(tmp_path / "disk", "4m") as disk:
        store = disk / "store"
        full = kg("build", articles, "--store", store)
        one_error_line(full, f"{store}: cannot write the store: the disk is full")
        assert subprocess.run(["mount", "-o", "remount,size=256m", str(disk)]).returncode == 0
        again = kg("build", articles, "--store", store)
        assert again.returncode == 0, again.stderr
        assert dump(store) == reference.quads


def test_a_read_only_store_is_queried_but_not_written(articles, tmp_path):
    with small_disk(tmp_path / "disk", "64m") as disk:
        store = disk / "store"
        assert kg("build", articles / "article_000.txt", "--store", store).returncode == 0
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)]).returncode == 0
        stats = kg("stats", "--store", store)
        assert stats.returncode == 0 and "articles              1" in stats.stdout
        build = kg("build", articles / "article_001.txt", "--store", store)
        one_error_line(build, f"{store}: cannot write the store: the folder is on a read-only file system")
        fresh = kg("build", articles / "article_001.txt", "--store", disk / "new")
        one_error_line(fresh, f"{disk / 'new'}: cannot open the store: the folder is on a read-only file system")


def test_a_full_disk_faked(tmp_path, monkeypatch):
    """Where no tmpfs can be mounted: RocksDB's message for a full disk, as Oxigraph raises it."""
    store = Store(tmp_path / "store")

    class FullDisk:
        def update(self, *args, **kwargs):
            raise OSError("IO error: No space left on device: While appending to file: 000008.log: No space left on device")

    monkeypatch.setattr(store, "_store", FullDisk())
    with pytest.raises(StoreError, match="cannot write the store: the disk is full"):
        store.update("INSERT DATA { <http://a> <http://b> <http://c> }")
