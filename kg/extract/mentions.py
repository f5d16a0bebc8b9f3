"""The mentions a sentence's recognisers find: organisations, places, posts, people."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class OrgMention:
    start: int
    end: int
    surface: str
    name: str
    kind: str = ""
    place: str | None = None
    local_head: str | None = None
    """For a local body named without its place ("Thành ủy"): the head, waiting for a place."""
    provincial: bool = False
    """A provincial body ("Sở Tư pháp") whose province may be left implicit."""
    parent: str | None = None


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int
    surface: str
    name: str
    kind: str = ""


@dataclass(slots=True)
class PostMention:
    start: int
    end: int
    role: str
    organization: str | None
    former: bool = False
    """'nguyên Bộ trưởng', 'từng là Giám đốc': a post no longer held."""
    org: OrgMention | None = None
    """The body's mention in the sentence, when the post names one."""
    bare_head: str | None = None
    """A body head written alone ('Bí thư Đảng ủy'), completed from the chain."""
    settled: bool = False
    """Written without a body in a chain that names the bodies of its other posts ('Bộ trưởng,
    Chủ nhiệm Văn phòng Chính phủ'): the article's other bodies do not complete it."""


@dataclass(slots=True)
class PersonMention:
    start: int
    end: int
    name: str
    prefix_start: int
    rank: str | None = None
    academic_titles: list[str] = field(default_factory=list)
    posts: list[PostMention] = field(default_factory=list)
    short: bool = False
    """A one-syllable mention ('ông Dân') to resolve against full names."""
    known_as: str | None = None
    """The name the person is publicly known by, given in brackets ('Lương Văn Cường (Lương Cường)')."""

