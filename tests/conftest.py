from pathlib import Path

import pytest

from kg.extract import extract
from kg.pipeline import build
from kg.read import read_article
from kg.store import Store

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "articles" / "000_1b1701c52a3f4772.txt"


@pytest.fixture(scope="session")
def seed_path():
    return SEED


@pytest.fixture(scope="session")
def seed_record():
    return extract(read_article(SEED))


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """The seed article built into an on-disk store, shared by the read-only tests."""
    path = tmp_path_factory.mktemp("store") / "kg-store"
    store = Store(path)
    report = build([SEED], store)
    assert report.added == 1 and not report.failed
    return store
