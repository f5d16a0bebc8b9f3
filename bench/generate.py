"""Scale a folder of real articles to N synthetic ones, for benchmarks.

    python bench/generate.py SOURCE_DIR OUT_DIR --articles N [--seed S] [--size CHARS]

Each article takes the title and lead of one real article and body paragraphs (runs of a
few sentences) drawn from all of them until it is about ``--size`` characters long, with a
dateline between 2015 and 2024. The people and provinces the extractor finds in the real
articles are renamed, consistently within an article:

- people from a population that grows as an archive's does (a Pitman-Yor process: most
  mentions go to people already seen, the famous more often, and new people keep
  arriving, their number growing as a power of the mentions), with names made of a
  surname from ``kg/lexicons/surnames.txt`` (weighted by its rank there) and middle and
  given names seen in the real articles;
- provinces to others of the same kind from ``kg/lexicons/provinces.tsv``.

Articles go to OUT_DIR/000/ ... one folder per thousand, in order, so the first 1,000 (or
10,000) articles of a 50,000 run are a smaller corpus of the same kind: pass the folders
000 ... 009 for 10k. The same arguments always give the same files.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from kg.extract.layout import split_sentences
from kg.lexicon import lexicon
from kg.pipeline import extract_paths
from kg.read import ReadFailure

PER_FOLDER = 1000
SENTENCES_PER_PARAGRAPH = 3
DISCOUNT, CONCENTRATION = 0.7, 50.0  # Pitman-Yor parameters of the people population


@dataclass
class Paragraph:
    text: str
    people: list[str]
    """Full names the extractor found in this paragraph, as written."""
    provinces: list[str]


@dataclass
class Source:
    title: Paragraph
    lead: Paragraph
    paragraphs: list[Paragraph]


class People:
    """Who a mention refers to: a Pitman-Yor population of generated names."""

    def __init__(self, rng: random.Random, middles: list[str], givens: list[str]) -> None:
        self.rng = rng
        self.surnames = _lexicon_lines("surnames.txt")  # the most common first
        self.surname_weights = [1 / (rank + 1) for rank in range(len(self.surnames))]
        self.middles, self.givens = middles, givens
        self.names: list[str] = []
        self.mentions: list[int] = []
        """How many mentions each person has had."""
        self.history: list[int] = []
        """The person of every mention so far, in order."""
        self.taken: set[str] = set()

    @property
    def total(self) -> int:
        return len(self.history)

    def draw(self) -> str:
        """A person for one more mention: someone already seen, in proportion to their
        mentions less the discount, or (with the rest of the probability) a new person."""
        new = (CONCENTRATION + DISCOUNT * len(self.names)) / (self.total + CONCENTRATION)
        if self.rng.random() < new:
            index = len(self.names)
            self.names.append(self._new_name())
            self.mentions.append(0)
        else:
            while True:  # a past mention's person (in proportion to mentions), kept with (m - d) / m
                index = self.rng.choice(self.history)
                if self.rng.random() * self.mentions[index] < self.mentions[index] - DISCOUNT:
                    break
        self.mentions[index] += 1
        self.history.append(index)
        return self.names[index]

    def _new_name(self) -> str:
        while True:
            surname = self.rng.choices(self.surnames, self.surname_weights)[0]
            middle = [self.rng.choice(self.middles)] if self.rng.random() < 0.9 else []
            name = " ".join([surname, *middle, self.rng.choice(self.givens)])
            if name not in self.taken:
                self.taken.add(name)
                return name


def _lexicon_lines(filename: str) -> list[str]:
    text = resources.files("kg.lexicons").joinpath(filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _names(names) -> re.Pattern:
    """Any of ``names`` as whole words, longest first."""
    body = "|".join(map(re.escape, sorted(names, key=len, reverse=True))) or r"(?!x)x"
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def read_sources(folder: Path) -> tuple[list[Source], list[str], list[str]]:
    """The real articles cut into paragraphs with the people and provinces in each, and
    the middle and given names of the people found."""
    lex = lexicon()
    surnames = set(_lexicon_lines("surnames.txt"))
    provinces = _names({form for form in lex.provinces.forms if form[:1].isupper()})
    sources, middles, givens = [], set(), set()
    for record in extract_paths([folder]):
        if isinstance(record, ReadFailure):
            continue
        people = set()
        for person in record.people:
            words = person.name.split()
            if len(words) >= 2 and words[0] in surnames:
                people.add(person.name)
                people.update(alias for alias in person.aliases if len(alias.split()) >= 2)
                middles.update(words[1:-1])
                givens.add(words[-1])
        lines = record.text[:record.article.content_end].split("\n")
        if len(lines) < 3:
            continue
        body_start = len(lines[0]) + len(lines[1]) + 2
        sentences = [record.text[span.start:span.end]
                     for span in split_sentences(record.text, body_start, record.article.content_end)]
        names = _names(people)

        def paragraph(text: str) -> Paragraph:
            return Paragraph(text, names.findall(text), provinces.findall(text))

        paragraphs = [paragraph(" ".join(sentences[start:start + SENTENCES_PER_PARAGRAPH]).replace("\n", " "))
                      for start in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)]
        if paragraphs:
            sources.append(Source(paragraph(lines[0]), paragraph(lines[1]), paragraphs))
    return sources, sorted(middles), sorted(givens)


def generate(sources: list[Source], people: People, count: int, size: int, rng: random.Random):
    """(index, text) of each synthetic article."""
    lex = lexicon()
    by_kind: dict[str, list[str]] = {}
    for entry in lex.provinces.entries():
        by_kind.setdefault(entry.kind, []).append(entry.name)
    pool = [(source, paragraph) for source in sources for paragraph in source.paragraphs]
    for index in range(count):
        head = rng.choice(sources)
        body, length = [], len(head.title.text) + len(head.lead.text)
        while length < size:
            _, paragraph = rng.choice(pool)
            body.append(paragraph)
            length += len(paragraph.text) + 1
        renamed: dict[str, str] = {}
        for paragraph in [head.title, head.lead, *body]:
            for name in paragraph.people:
                if name not in renamed:
                    renamed[name] = people.draw()
            for name in paragraph.provinces:
                if name not in renamed:
                    entry = lex.provinces.get(name)
                    renamed[name] = rng.choice(by_kind[entry.kind]) if entry else name
        pattern = _names(renamed)

        def rename(text: str) -> str:
            return pattern.sub(lambda m: renamed[m.group()], text)

        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3652))
        dateline = f"{rng.randrange(6, 22):02d}:{rng.randrange(60):02d} {day:%d/%m/%Y}"
        lines = [rename(head.title.text), dateline, *(rename(p.text) for p in [head.lead, *body])]
        yield index, "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a folder of real articles (../shared/corpus/articles)")
    parser.add_argument("out", type=Path, help="where to write the articles")
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--size", type=int, default=5000, help="characters per article (default 5000)")
    args = parser.parse_args()
    if not args.source.is_dir():
        sys.exit(f"Error: {args.source}: not a folder of articles")
    rng = random.Random(args.seed)
    sources, middles, givens = read_sources(args.source)
    if not sources or not givens:
        sys.exit(f"Error: {args.source}: no articles with people to recombine")
    people = People(rng, middles, givens)
    for index, text in generate(sources, people, args.articles, args.size, rng):
        folder = args.out / f"{index // PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"gen_{index:06d}.txt").write_text(text, encoding="utf-8")
    print(f"{args.articles} articles in {args.out}: {len(people.names)} people, {people.total} person mentions")


if __name__ == "__main__":
    main()
