#!/usr/bin/env python3
"""What kg reads from saved news pages: a Markdown table, and the agreement with fundus.

For each .html file in FOLDER: the title, publication time, authors and the first and last
sentence of the record ``kg extract`` gives, or why the page is not an article. For each
``fundus_<SITE>_expected.json`` beside a ``fundus_<SITE>_*.html`` page (what the fundus
project's parser expects from that page): whether title and authors agree, how many of
the expected paragraphs are lines of kg's text, and which lines of kg's text are neither
a paragraph nor the summary (boilerplate).

    python scripts/html_pages.py ../shared/corpus/html
"""
from __future__ import annotations

import argparse
import json
import unicodedata
from pathlib import Path

from kg.pipeline import extract_paths
from kg.read import ReadFailure, read_inputs


def cell(value, width: int) -> str:
    text = (", ".join(value) if isinstance(value, (list, tuple)) else str(value or "")) or "—"
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def table(folder: Path, width: int) -> list[str]:
    rows = ["| page | title | published | authors | first sentence | last sentence |",
            "| --- | --- | --- | --- | --- | --- |"]
    for page in sorted(folder.glob("*.html")):
        [item] = list(extract_paths([page]))
        if isinstance(item, ReadFailure):
            rows.append(f"| {page.name} | *{cell(item.reason, 2 * width)}* | | | | |")
            continue
        info, sentences = item.article, item.sentences
        first = sentences[0].text if sentences else ""
        last = sentences[-1].text if sentences else ""
        rows.append(f"| {page.name} | {cell(info.title, width)} | {cell(info.published, 25)} | "
                    f"{cell(info.authors, width)} | {cell(first, width)} | {cell(last, width)} |")
    return rows


def fundus_agreement(folder: Path) -> list[str]:
    lines = []
    nfc = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731
    for expected_file in sorted(folder.glob("fundus_*_expected.json")):
        site = expected_file.name.removeprefix("fundus_").removesuffix("_expected.json")
        for page in sorted(folder.glob(f"fundus_{site}_*.html")):
            [expected] = json.loads(expected_file.read_text(encoding="utf-8")).values()
            [article] = list(read_inputs([page]))
            if isinstance(article, ReadFailure):
                lines.append(f"- {page.name}: not read ({article.reason})")
                continue
            paragraphs = [nfc(p) for section in expected["body"]["sections"] for p in section["paragraphs"]]
            summary = [nfc(p) for p in expected["body"].get("summary", [])]
            text_lines = [line for line in article.text.split("\n")[2:] if line]
            found = sum(1 for p in paragraphs if p in text_lines)
            extra = [line for line in text_lines if line not in paragraphs and line not in summary]
            lines += [
                f"- {page.name} against {expected_file.name}:",
                f"  - title: {'agrees' if article.title == nfc(expected['title']) else 'differs'} ({article.title!r})",
                f"  - authors: {'agree' if list(article.authors) == [nfc(a) for a in expected['authors']] else 'differ'}"
                f" ({', '.join(article.authors) or 'none'})",
                f"  - body paragraphs found: {found} of {len(paragraphs)}; summary (lead) kept: "
                f"{'yes' if all(s in text_lines for s in summary) else 'no'}",
                f"  - lines that are neither a paragraph nor the summary (boilerplate): {len(extra)}"
                + "".join(f"\n    - {line!r}" for line in extra),
            ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="folder of saved .html pages")
    parser.add_argument("--width", type=int, default=70, help="cut table cells at this many characters")
    args = parser.parse_args()
    print("\n".join(table(args.folder, args.width)))
    agreement = fundus_agreement(args.folder)
    if agreement:
        print("\nAgreement with the fundus expectation:\n")
        print("\n".join(agreement))


if __name__ == "__main__":
    main()
