"""What one article may add to the store is bounded: the participants its events list and the
triples it maps to. An article past either is reported like one over --max-size, and the
others of the batch are stored."""
from __future__ import annotations

import itertools
import shutil

from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import MAX_PARTICIPANTS, build
from kg.store import Store

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quốc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phong", "Quân", "Sơn"]


def roster(officials: int) -> str:
    """A meeting whose sentences list ``officials`` people, twenty a sentence, each with a post."""
    names = [" ".join(parts) for parts in itertools.product(FAMILY, MIDDLE, GIVEN, GIVEN)][:officials]
    listed = " ".join("Dự hội nghị có " + "; ".join(f"ông {name}, Giám đốc Sở Y tế tỉnh Bắc Ninh"
                                                    for name in names[start:start + 20]) + "."
                      for start in range(0, officials, 20))
    return (f"Hội nghị tổng kết\n\nSáng 5/3, tại Hà Nội, Bộ Y tế tổ chức hội nghị tổng kết năm 2025. {listed}"
            "\n\nHội nghị đã thảo luận nhiều vấn đề.\n")


def test_an_article_listing_more_participants_than_the_limit_is_reported(tmp_path, seed_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "roster.txt").write_text(roster(MAX_PARTICIPANTS + 100), encoding="utf-8")
    shutil.copy(seed_path, folder)
    store = Store(None)
    report = build([folder], store)
    assert report.added == 1 and [failure.source for failure in report.failed] == [str(folder / "roster.txt")]
    reason = report.failed[0].reason
    assert reason.startswith("its events list ") and f"participants, more than the {MAX_PARTICIPANTS:,} kg maps" in reason


def test_an_article_over_max_triples_is_reported_and_the_others_stored(tmp_path, seed_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "roster.txt").write_text(roster(100), encoding="utf-8")
    shutil.copy(seed_path, folder)
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(tmp_path / "store"), "--jobs", "1",
                                       "--max-triples", "1000"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("1 added, 0 replaced, 0 unchanged, 1 failed")
    assert lines[1].startswith(f"Error: {folder / 'roster.txt'}: it would add ") and \
        "triples, more than the 1,000 one article may add (--max-triples raises the limit)" in lines[1]
