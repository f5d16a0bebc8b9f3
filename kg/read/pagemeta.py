"""What a saved page says about itself: <meta>, <link>, JSON-LD and microdata, and the people
a byline names. Values are cleaned as ``clean`` does: entities decoded (also the doubly
escaped ones some sites leave in <meta>), NFC, one space between words.
"""
from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

import lxml.html

from ..normalise import normalise_text
from .timestamps import has_time, parse_timestamp

_ARTICLE_TYPES = re.compile(r"(?:^|[/#])(?:\w*Article|BlogPosting|Report)$")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_BYLINE_LABEL = re.compile(
    r"^(?:(?:Tin|Bài|Ảnh|Clip|Video|Đồ họa)(?:\s*(?:,|và|&|\+)\s*(?:ảnh|bài|clip|video))?|Thực hiện|Tác giả|"
    r"Người viết|Phóng viên|PV|Nhóm PV|Nhóm phóng viên|Nhóm tác giả)\s*:?\s*",
    re.IGNORECASE,
)
_GROUP_BYLINE = re.compile(r"^(?:Nhóm\s+(?:PV|phóng viên|tác giả)|PV|Phóng viên)$", re.IGNORECASE)
_NAME_PART = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ'’-]*|[A-ZĐ]\.)$")
_NAME_SPLIT = re.compile(r"\s*(?:\s[-–—]\s|,|;|/|\s+và\s+|\s+&\s+)\s*")


def clean(value: str | None) -> str:
    """Entities decoded (also doubly escaped ones), NFC, one space between words."""
    if not value:
        return ""
    value = _ENTITY.sub(lambda m: html.unescape(m.group(0)), value)
    return " ".join(normalise_text(value).split())


def comparison_key(value: str) -> str:
    """A comparison key: clean, case-folded, straight quotes."""
    value = clean(value).casefold()
    return value.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


def absolute_url(url: str | None) -> str | None:
    if not url:
        return None
    url = clean(url)
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


class PageMetadata:
    """What the page says about itself in <meta>, <link>, JSON-LD and microdata."""

    def __init__(self, tree: lxml.html.HtmlElement) -> None:
        self.tree = tree
        self.metas: dict[str, list[str]] = {}
        for element in tree.iter("meta"):
            content = element.get("content")
            if content is None:
                continue
            for attribute in ("property", "name", "itemprop"):
                for key in (element.get(attribute) or "").lower().split():
                    self.metas.setdefault(key, []).append(clean(content))
        self.objects = list(_json_ld_objects(tree))
        self.article = next((o for o in self.objects if any(_ARTICLE_TYPES.search(t) for t in _types(o))), {})

    def first(self, *keys: str) -> str | None:
        return next((value for key in keys for value in self.metas.get(key, ()) if value), None)

    def og_type(self) -> str | None:
        value = self.first("og:type")
        return value.lower() if value else None

    def page_types(self) -> set[str]:
        return {t for o in self.objects for t in _types(o)}

    def title_candidates(self) -> list[str]:
        values = [clean(_text(self.article.get("headline")))]
        values += [self.first(key) or "" for key in ("headline", "og:title", "twitter:title", "title")]
        values += [clean(t.text_content()) for t in self.tree.xpath("//head/title|//title")[:1]]
        return list(dict.fromkeys(v for v in values if v))

    def descriptions(self) -> list[str]:
        values = [clean(_text(self.article.get("description")))]
        values += [self.first(key) or "" for key in ("og:description", "description", "twitter:description")]
        return list(dict.fromkeys(v for v in values if len(v) >= 20))

    def canonical_url(self) -> str | None:
        for link in self.tree.xpath("//link[@href]"):
            if "canonical" in (link.get("rel") or "").lower().split():
                url = absolute_url(link.get("href"))
                if url:
                    return url
        entity = self.article.get("mainEntityOfPage")
        entity_url = entity.get("@id") if isinstance(entity, dict) else entity
        for candidate in (self.first("og:url"), _text(self.article.get("url")), _text(entity_url),
                          self.first("twitter:url")):
            url = absolute_url(candidate)
            if url:
                return url
        return None

    def published(self) -> str | None:
        """The first publication time the page states, preferring one with a time of day."""
        values = [_text(self.article.get("datePublished"))]
        values += [self.first(key) for key in ("article:published_time", "datepublished", "pubdate",
                                                "publishdate", "dc.date.issued", "og:published_time", "date")]
        stamps = [parse_timestamp(v) for v in values if v]
        stamps = [s for s in stamps if s]
        return next((s for s in stamps if has_time(s)), stamps[0] if stamps else None)

    def person_authors(self) -> tuple[str, ...]:
        authors = self.article.get("author") or ()
        authors = authors if isinstance(authors, list) else [authors]
        names = []
        for author in authors:
            if isinstance(author, dict) and "Person" in _types(author):
                name = clean(_text(author.get("name")))
                if name and name not in names:
                    names.append(name)
        return tuple(names)

    def author_from_meta(self) -> tuple[str, ...]:
        """A byline in <meta name="author">, when it names people rather than the site."""
        value = self.first("author", "article:author")
        if not value or absolute_url(value):
            return ()
        site = {comparison_key(v) for v in (self.first("og:site_name"), self.first("copyright")) if v}
        if comparison_key(value) in site:
            return ()
        parsed = parse_byline(value)
        return parsed or ()

    def section(self) -> str | None:
        values = [clean(_text(self.article.get("articleSection"))), self.first("articlesection"),
                  self.first("article:section")]
        # A section is a short label; some sites put a keyword list there.
        value = next((v for v in values if v and "," not in v and len(v) <= 40), None)
        if not value:
            for crumbs in (o for o in self.objects if "BreadcrumbList" in _types(o)):
                items = crumbs.get("itemListElement") or []
                names = [clean(_text((i.get("item") or {}).get("name") if isinstance(i.get("item"), dict)
                                      else i.get("name"))) for i in items if isinstance(i, dict)]
                value = next((n for n in reversed(names) if n), None)
        return value or None

    def tags(self) -> tuple[str, ...]:
        keywords = self.article.get("keywords")
        values = keywords if isinstance(keywords, list) else [_text(keywords)] if keywords else []
        if not values:
            values = self.metas.get("keywords") or self.metas.get("news_keywords") or self.metas.get("article:tag") or []
        tags = []
        for value in values:
            for tag in re.split(r"[,;]", clean(value)):
                tag = tag.strip()
                if tag and tag not in tags:
                    tags.append(tag)
        return tuple(tags)

    def language(self) -> str | None:
        values = [_text(self.article.get("inLanguage")), self.first("inlanguage", "language", "content-language")]
        locale = self.first("og:locale")
        values += [locale.replace("_", "-") if locale else None, self.tree.get("lang")]
        return next((clean(v) for v in values if v and clean(v)), None)


def _json_ld_objects(tree):
    """Every JSON object in the page's JSON-LD scripts, @graph members included."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "null", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def _types(item: dict) -> list[str]:
    kinds = item.get("@type") or []
    return [str(k) for k in (kinds if isinstance(kinds, list) else [kinds])]


def _text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id") or ""
    return str(value) if value is not None else ""

def parse_byline(line: str) -> tuple[str, ...] | None:
    """The people a byline names ('Quang Phong - Tùng Nguyên', 'Tin, ảnh: Vũ Phương Thảo',
    'Theo Sầm Hoa (Vietnamnet/Reuters)'); () for a credit without a person ('Theo Thanh Niên',
    'Nhóm PV'); None when the line is not a byline."""
    line = clean(line)
    if not line or len(line) > 120 or (re.search(r"[.!?…:;]$", line) and not re.search(r"\b[A-ZĐ]\.$", line)):
        return None
    if _GROUP_BYLINE.match(line):
        return ()
    credit = re.match(r"^Theo\s+(?P<who>[^()]+?)\s*(?P<outlet>\([^)]*\))?(?:\s*\([^)]*\))*\s*$", line)
    if credit:
        names = _names(credit.group("who"))
        if names is None:
            return None
        return names if credit.group("outlet") else ()
    labelled = _BYLINE_LABEL.match(line)
    rest = line[labelled.end():] if labelled else line
    rest = re.sub(r"(?:\s*\([^)]*\))+\s*$", "", rest)
    names = _names(rest)
    if names is None or (not labelled and any(len(name.split()) < 2 for name in names)):
        return None
    return names


def _names(text: str) -> tuple[str, ...] | None:
    """Person names in ``text``, or None if any part is not one (a place, a sentence)."""
    from ..lexicon import lexicon

    parts = [p.strip(" .") if not re.search(r"\b[A-ZĐ]\.$", p.strip()) else p.strip() for p in _NAME_SPLIT.split(text.strip())]
    parts = [p for p in parts if p]
    if not parts:
        return None
    lex = lexicon()
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= 5 or not all(_NAME_PART.match(w) for w in words):
            return None
        if lex.place(part) is not None or part in lex.organizations:
            return None
    return tuple(parts)
