"""Small generated articles for build tests: each names its own people and shares the
Ministry of Public Security and Department V04 with the seed article."""
from pathlib import Path

PROVINCES = ["Nam Định", "Thái Bình", "Hà Nam", "Ninh Bình", "Hưng Yên", "Bắc Ninh", "Quảng Ninh", "Hải Dương"]
GIVEN_NAMES = ["Bình", "Cường", "Dũng", "Hải", "Khánh", "Long", "Minh", "Phong", "Quang", "Sơn"]


def small_article(index: int) -> str:
    province = PROVINCES[index % len(PROVINCES)]
    director = f"Nguyễn Văn {GIVEN_NAMES[index % len(GIVEN_NAMES)]}"
    guest = f"Trần Đức {GIVEN_NAMES[(index + 3) % len(GIVEN_NAMES)]}"
    return (f"Công an tỉnh {province} tổ chức hội nghị tổng kết năm {2000 + index}\n\n"
            f"Sáng 20/12, Công an tỉnh {province} tổ chức hội nghị tổng kết công tác năm {2000 + index}. "
            f"Đại tá {director}, Giám đốc Công an tỉnh {province} chủ trì hội nghị. "
            f"Dự hội nghị có Thiếu tướng {guest}, Phó Cục trưởng Cục V04 Bộ Công an.\n")


def write_small_articles(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(start, start + count):
        path = folder / f"small_{index:03}.txt"
        path.write_text(small_article(index), encoding="utf-8")
        paths.append(path)
    return paths
