"""Scale a folder of real articles to N synthetic ones, for benchmarks.

    python bench/generate.py SOURCE_DIR OUT_DIR --articles N [--seed S] [--size CHARS]

Each article takes the title and lead of one real article and body paragraphs (runs of a
few sentences) drawn from all of them until it is about ``--size`` characters long, with a
dateline between 2015 and 2024. The people and provinces the extractor finds in the real
articles are renamed, consistently within an article:

- a source person (a name the extractor gives a person in a real article, reached by that
  name or the person's other names there) becomes one of its synthetic people: each source
  person has a population of its own that grows as an archive's does (a Pitman-Yor
  process: most mentions go to its synthetic people already seen, those seen most more
  often, and new ones keep arriving, their number growing as a power of the mentions).
  A synthetic person is only ever written where its source person was, so it holds the few
  posts the text gives that source person, while the people of the corpus still grow with
  N. Names are made of a surname from ``kg/lexicons/surnames.txt`` (weighted by its rank
  there) and middle and given names seen in the real articles; a shorter name the source
  person goes by (its last words) becomes as many last words of the synthetic name;
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
DISCOUNT, CONCENTRATION = 0.5, 0.5  # Pitman-Yor parameters of each source person's synthetic people


@dataclass
class Paragraph:
    text: str
    people: list[tuple[str, str]]
    """(name as written, the source person's name) of each person the extractor found here."""
    provinces: list[str]


@dataclass
class Source:
    title: Paragraph
    lead: Paragraph
    paragraphs: list[Paragraph]


class Population:
    """The synthetic people of one source person, as a Pitman-Yor process over its mentions."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.mentions: list[int] = []
        """How many mentions each synthetic person has had."""
        self.history: list[int] = []
        """The synthetic person of every mention so far, in order."""

    def draw(self, rng: random.Random, new_name) -> str:
        """A synthetic person for one more mention: one already seen, in proportion to their
        mentions less the discount, or (with the rest of the probability) a new one, named by
        ``new_name()``."""
        new = (CONCENTRATION + DISCOUNT * len(self.names)) / (len(self.history) + CONCENTRATION)
        if rng.random() < new:
            index = len(self.names)
            self.names.append(new_name())
            self.mentions.append(0)
        else:
            while True:  # a past mention's person (in proportion to mentions), kept with (m - d) / m
                index = rng.choice(self.history)
                if rng.random() * self.mentions[index] < self.mentions[index] - DISCOUNT:
                    break
        self.mentions[index] += 1
        self.history.append(index)
        return self.names[index]


class People:
    """Who a mention of a source person refers to: one of that source person's synthetic people."""

    def __init__(self, rng: random.Random, middles: list[str], givens: list[str]) -> None:
        self.rng = rng
        self.surnames = _lexicon_lines("surnames.txt")  # the most common first
        self.surname_weights = [1 / (rank + 1) for rank in range(len(self.surnames))]
        self.middles, self.givens = middles, givens
        self.populations: dict[str, Population] = {}
        self.taken: set[str] = set()

    @property
    def names(self) -> list[str]:
        return [name for population in self.populations.values() for name in population.names]

    @property
    def total(self) -> int:
        return sum(len(population.history) for population in self.populations.values())

    def draw(self, source: str) -> str:
        """A synthetic person for one more mention of the source person ``source``."""
        return self.populations.setdefault(source, Population()).draw(self.rng, self._new_name)

    def _new_name(self) -> str:
        while True:
            surname = self.rng.choices(self.surnames, self.surname_weights)[0]
            middle = [self.rng.choice(self.middles)] if self.rng.random() < 0.9 else []
            name = " ".join([surname, *middle, self.rng.choice(self.givens)])
            if name not in self.taken:
                self.taken.add(name)
                return name


def written_as(form: str, source: str, synthetic: str) -> str:
    """What replaces ``form``, a name the source person ``source`` goes by, for ``synthetic``:
    as many of its last words as ``form`` has of the source's last words, else all of it."""
    words, kept = source.split(), form.split()
    if form != source and len(kept) < len(words) and words[-len(kept):] == kept:
        return " ".join(synthetic.split()[-len(kept):])
    return synthetic


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
        people: dict[str, str] = {}  # each name written -> the source person's name
        for person in record.people:
            words = person.name.split()
            if len(words) >= 2 and words[0] in surnames:
                for form in (person.name, *person.aliases):
                    if len(form.split()) >= 2:
                        people.setdefault(form, person.name)
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
            return Paragraph(text, [(form, people[form]) for form in names.findall(text)], provinces.findall(text))

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
        synthetic: dict[str, str] = {}  # source person -> who they are in this article
        for paragraph in [head.title, head.lead, *body]:
            for form, source in paragraph.people:
                if source not in synthetic:
                    synthetic[source] = people.draw(source)
                renamed.setdefault(form, written_as(form, source, synthetic[source]))
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
