"""Saved news pages: one article's text and metadata from its HTML, or why it is not an article.

The main text comes from trafilatura, a maintained boilerplate remover. kg helps it on the
table layouts of older Vietnamese sites by handing it only the part of the page that starts
at the visible headline (the heading whose text is the page's own title) and holds the body:
menus, breadcrumbs and teaser lists before the headline never reach it. The lead (sapo)
is taken from the element that shows the page's description, and the byline from the last
short lines of the body or the right-aligned or author-marked element that closes it.

Metadata comes from the page itself: JSON-LD ``NewsArticle``, Open Graph and ``article:``
<meta> tags, ``itemprop`` microdata, <link rel="canonical">, then the visible dateline and
byline. Entities are decoded, including the doubly escaped ones some sites leave in <meta>.

**Offsets.** The Article's text is what kg extracts from and what every offset in kg points
into: the headline, a blank line, then the lead and the body paragraphs (captions
included), one a line, as extracted, after Unicode normalisation. It is not the HTML
source: a sentence is found again in the page by its text (``nif:anchorOf``).

A page that shows no article (a home page, a section page, a list of links) gives a
NotAnArticle with the reason, and no record.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura

from .decoding import looks_vietnamese
from .normalise import normalise_text
from .records import Article
from .timestamps import find_dateline, has_time, parse_timestamp

_ARTICLE_TYPES = re.compile(r"(?:^|[/#])(?:\w*Article|BlogPosting|Report)$")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SEPARATOR = re.compile(r"^\s*[-|–—:»/]")
_LEAD_CLASS = re.compile(r"sapo|lead|desc|summary|intro|chapeau|tomtat|subtitle", re.IGNORECASE)
_AUTHOR_MARK = re.compile(r"author|byline|tacgia|tac-gia|writer", re.IGNORECASE)
_BLOCKS = frozenset({"p", "head", "item", "cell", "quote", "code", "list", "table", "row", "div", "lb"})
_RELATED_LINK = re.compile(r"^\s*>")
_UI_LABEL = re.compile(r"^\[[^\]]{1,30}\]$")
_RELATED_SUFFIX = re.compile(r"\s*>>.*$")
_END_OF_ARTICLE = re.compile(
    r"^(?:Bạn có thể quan tâm|Có thể bạn quan tâm|Tin liên quan|Bài liên quan|Tin cùng (?:chuyên )?mục|Tin khác|"
    r"Các tin khác|Các bài (?:khác|mới|đã đăng)|Xem thêm|Đọc thêm|Tin mới|Tin nổi bật|Tin nóng|Từ khóa|Từ khoá|"
    r"Tags?|Chủ đề|Ý kiến bạn đọc|Bình luận|Gửi bình luận|Gửi phản hồi|Xem phản hồi)\b.{0,40}$",
    re.IGNORECASE,
)
_BYLINE_LABEL = re.compile(
    r"^(?:(?:Tin|Bài|Ảnh|Clip|Video|Đồ họa)(?:\s*(?:,|và|&|\+)\s*(?:ảnh|bài|clip|video))?|Thực hiện|Tác giả|"
    r"Người viết|Phóng viên|PV|Nhóm PV|Nhóm phóng viên|Nhóm tác giả)\s*:?\s*",
    re.IGNORECASE,
)
_GROUP_BYLINE = re.compile(r"^(?:Nhóm\s+(?:PV|phóng viên|tác giả)|PV|Phóng viên)$", re.IGNORECASE)
_NAME_PART = re.compile(r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ'’-]*|[A-ZĐ]\.)$")
_NAME_SPLIT = re.compile(r"\s*(?:\s[-–—]\s|,|;|/|\s+và\s+|\s+&\s+)\s*")
MIN_BODY_CHARACTERS = 80
MAX_LINK_SHARE = 0.5
CONTAINER_PROSE = 400


@dataclass(frozen=True, slots=True)
class NotAnArticle:
    """A page that shows no article; kept so a batch can report it with its reason."""

    source: str
    reason: str


def read_page(page: str, source: str, *, url: str | None = None) -> Article | NotAnArticle:
    """The article a saved page shows (``url``: where it came from, if the page does not say)."""
    tree = _parse(page)
    if tree is None:
        return NotAnArticle(source, "not an HTML page (no elements)")
    meta = _Metadata(tree)
    page_url = meta.canonical_url() or _absolute(url)
    title_candidates = meta.title_candidates()
    heading = _find_heading(tree, title_candidates)
    refusal = _refusal(meta, heading, page_url)
    if refusal:
        return NotAnArticle(source, refusal)

    published = meta.published()
    if not has_time(published):
        shown = _visible_dateline(heading)
        if shown and (published is None or shown.startswith(published)):
            published = shown
    published = published or _fallback_date(tree)
    container = _container(tree, heading)
    if heading is not None:
        _drop_before(heading, container)
        link_share = _link_share(container)
        if link_share > MAX_LINK_SHARE:
            return NotAnArticle(
                source, f"not a news article: {link_share:.0%} of the text after its headline is links (a list of links)")

    title = _clean(heading.text_content()) if heading is not None else (title_candidates[0] if title_candidates else None)
    lead = _lead(container, meta.descriptions())
    paragraphs = _paragraphs(container)
    paragraphs = _without_furniture(paragraphs, title)
    paragraphs, byline = _split_byline(paragraphs)
    authors = meta.person_authors() or byline or _marked_byline(container) or meta.author_from_meta()
    if lead:
        paragraphs = _with_lead(lead, paragraphs)
    body = "\n".join(paragraphs)
    if len(body) < MIN_BODY_CHARACTERS:
        return NotAnArticle(source, f"no article text found ({len(body)} characters after the headline)")
    text = normalise_text(f"{title}\n\n{body}\n" if title else f"{body}\n")
    return Article(
        source=source,
        text=text,
        title=normalise_text(title) if title else None,
        published=published,
        authors=tuple(normalise_text(name) for name in authors),
        url=page_url,
        section=meta.section(),
        tags=meta.tags(),
        language=meta.language() or ("vi" if looks_vietnamese(body) else None),
    )


def _parse(page: str) -> lxml.html.HtmlElement | None:
    page = re.sub(r"^\s*<\?xml[^>]*\?>", "", page)
    try:
        tree = lxml.html.document_fromstring(page)
    except (lxml.etree.ParserError, ValueError):
        return None
    for element in tree.xpath("//script[not(@type='application/ld+json')]|//style|//noscript|//template"):
        element.drop_tree()
    lxml.etree.strip_elements(tree, lxml.etree.Comment, with_tail=False)
    return tree


def _clean(value: str | None) -> str:
    """Entities decoded (also doubly escaped ones), NFC, one space between words."""
    if not value:
        return ""
    value = _ENTITY.sub(lambda m: html.unescape(m.group(0)), value)
    return " ".join(normalise_text(value).split())


def _key(value: str) -> str:
    """A comparison key: clean, case-folded, straight quotes."""
    value = _clean(value).casefold()
    return value.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


def _absolute(url: str | None) -> str | None:
    if not url:
        return None
    url = _clean(url)
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


class _Metadata:
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
                    self.metas.setdefault(key, []).append(_clean(content))
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
        values = [_clean(_text(self.article.get("headline")))]
        values += [self.first(key) or "" for key in ("headline", "og:title", "twitter:title", "title")]
        values += [_clean(t.text_content()) for t in self.tree.xpath("//head/title|//title")[:1]]
        return list(dict.fromkeys(v for v in values if v))

    def descriptions(self) -> list[str]:
        values = [_clean(_text(self.article.get("description")))]
        values += [self.first(key) or "" for key in ("og:description", "description", "twitter:description")]
        return list(dict.fromkeys(v for v in values if len(v) >= 20))

    def canonical_url(self) -> str | None:
        for link in self.tree.xpath("//link[@href]"):
            if "canonical" in (link.get("rel") or "").lower().split():
                url = _absolute(link.get("href"))
                if url:
                    return url
        entity = self.article.get("mainEntityOfPage")
        entity_url = entity.get("@id") if isinstance(entity, dict) else entity
        for candidate in (self.first("og:url"), _text(self.article.get("url")), _text(entity_url),
                          self.first("twitter:url")):
            url = _absolute(candidate)
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
                name = _clean(_text(author.get("name")))
                if name and name not in names:
                    names.append(name)
        return tuple(names)

    def author_from_meta(self) -> tuple[str, ...]:
        """A byline in <meta name="author">, when it names people rather than the site."""
        value = self.first("author", "article:author")
        if not value or _absolute(value):
            return ()
        site = {_key(v) for v in (self.first("og:site_name"), self.first("copyright")) if v}
        if _key(value) in site:
            return ()
        parsed = parse_byline(value)
        return parsed or ()

    def section(self) -> str | None:
        values = [_clean(_text(self.article.get("articleSection"))), self.first("articlesection"),
                  self.first("article:section")]
        # A section is a short label; some sites put a keyword list there.
        value = next((v for v in values if v and "," not in v and len(v) <= 40), None)
        if not value:
            for crumbs in (o for o in self.objects if "BreadcrumbList" in _types(o)):
                items = crumbs.get("itemListElement") or []
                names = [_clean(_text((i.get("item") or {}).get("name") if isinstance(i.get("item"), dict)
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
            for tag in re.split(r"[,;]", _clean(value)):
                tag = tag.strip()
                if tag and tag not in tags:
                    tags.append(tag)
        return tuple(tags)

    def language(self) -> str | None:
        values = [_text(self.article.get("inLanguage")), self.first("inlanguage", "language", "content-language")]
        locale = self.first("og:locale")
        values += [locale.replace("_", "-") if locale else None, self.tree.get("lang")]
        return next((_clean(v) for v in values if v and _clean(v)), None)


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


def _find_heading(tree, candidates: list[str]) -> lxml.html.HtmlElement | None:
    """The visible headline: the first heading whose text is the page's title (or its start)."""
    keys = [_key(c) for c in candidates]
    if not keys:
        return None
    body = tree.find("body")
    if body is None:
        return None
    for path in ("//h1", "//h2", "//h3", "//*[contains(translate(@class,'TITLE','title'),'title')]"):
        for element in body.xpath(path):
            text = _key(element.text_content())
            if len(text) < 10 or len(text.split()) < 3:
                continue
            for key in keys:
                if key == text or (key.startswith(text) and _SEPARATOR.match(key[len(text):])):
                    return element
    return None


def _refusal(meta: _Metadata, heading, page_url: str | None) -> str | None:
    """Why the page is not an article, or None when it may be one."""
    declares_article = bool(meta.article) or meta.og_type() == "article"
    if not meta.article and meta.og_type() in ("website", "profile", "video.other", "book"):
        return f"not a news article: the page calls itself a {meta.og_type()} (og:type), a home or section page"
    if page_url and urlsplit(page_url).path in ("", "/") and not meta.article:
        return f"not a news article: {page_url} is the site's home page"
    if heading is None and not declares_article:
        title = meta.title_candidates()[0] if meta.title_candidates() else "no title"
        return (f"not a news article: no headline on the page matches its title ({title!r}); "
                "a home page or a list of links")
    return None


def _visible_dateline(heading) -> str | None:
    """The date and time printed near the headline (up to a few hundred characters around it)."""
    if heading is None:
        return None
    title = heading.text_content()
    ancestor = heading
    for _ in range(4):
        if ancestor.getparent() is None:
            break
        ancestor = ancestor.getparent()
        text = ancestor.text_content()
        position = text.find(title)
        if position < 0:
            continue
        window = text[max(0, position - 400):position] + "\n" + text[position + len(title):position + len(title) + 600]
        stamp = find_dateline(window)
        if stamp:
            return stamp
    return None


def _fallback_date(tree) -> str | None:
    """The date trafilatura's date finder reads from the page (URL, text), without a time."""
    metadata = trafilatura.extract_metadata(tree)
    return parse_timestamp(metadata.date) if metadata is not None and metadata.date else None


def _prose_after(container, heading) -> int:
    """Characters of text outside links that follow ``heading`` inside ``container``."""
    total, started = 0, False
    for event, element in lxml.etree.iterwalk(container, events=("start", "end")):
        if element is heading:
            started = started or event == "end"
            if event == "end" and element.tail and not _in_link(element.getparent()):
                total += len(element.tail.strip())
            continue
        if not started:
            continue
        if event == "start" and isinstance(element.tag, str) and not _in_link(element):
            total += len((element.text or "").strip())
        elif event == "end" and element.tail and not _in_link(element.getparent()):
            total += len(element.tail.strip())
    return total


def _in_link(element) -> bool:
    while element is not None:
        if element.tag == "a":
            return True
        element = element.getparent()
    return False


def _container(tree, heading):
    """The smallest element around the headline that also holds the body; the body without one."""
    body = tree.find("body")
    if heading is None:
        return body if body is not None else tree
    container = heading.getparent()
    while container is not body and container.getparent() is not None and _prose_after(container, heading) < CONTAINER_PROSE:
        container = container.getparent()
    return container


def _drop_before(heading, container) -> None:
    """Remove the headline and all that precedes it inside ``container`` (menus, breadcrumbs)."""
    node = heading
    while node is not container and node.getparent() is not None:
        parent = node.getparent()
        for sibling in list(node.itersiblings(preceding=True)):
            parent.remove(sibling)
        parent.text = None
        node = parent
    tail = heading.tail
    parent = heading.getparent()
    parent.remove(heading)
    parent.text = (parent.text or "") + (tail or "")


def _link_share(container) -> float:
    """The share of the container's visible characters (spaces aside) that are link text."""
    def characters(texts) -> int:
        return sum(len("".join(text.split())) for text in texts)

    total = characters(container.itertext())
    linked = characters(text for a in container.iter("a") if not _in_link(a.getparent()) for text in a.itertext())
    return linked / total if total else 0.0


def _lead(container, descriptions: list[str]) -> str | None:
    """The lead (sapo) as shown: the element whose text is the page's description, else one marked as the lead."""
    elements = [e for e in container.iter() if isinstance(e.tag, str) and e.tag not in ("a", "script", "style")]
    for description in descriptions:
        start = _key(description)[:40].rstrip(". …")
        if len(start) < 20:
            continue
        matches = [e for e in elements if _key(_own_text(e)).startswith(start)]
        if matches:
            return _own_text(min(matches, key=lambda e: len(_own_text(e))))
    for element in elements[:40]:
        if _LEAD_CLASS.search(element.get("class") or "") and len(_own_text(element)) >= 40:
            return _own_text(element)
    return None


def _own_text(element) -> str:
    """An element's text without the '>> related story' links some sites append to the lead."""
    parts = [element.text or ""]
    for child in element:
        child_text = "".join(child.itertext()) if isinstance(child.tag, str) else ""
        if child.tag != "a" or not _RELATED_LINK.match(child_text):
            parts.append(child_text)
        parts.append(child.tail or "")
    return _RELATED_SUFFIX.sub("", _clean("".join(parts)))


def _paragraphs(container) -> list[str]:
    """The main text's paragraphs as trafilatura finds them in ``container`` (captions included)."""
    document = trafilatura.bare_extraction(
        container, favor_recall=True, include_comments=False, include_tables=True, include_images=True,
        include_links=False, with_metadata=False,
    )
    if document is None or document.body is None:
        return []
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _clean("".join(current))
        if line:
            lines.append(line)
        current.clear()

    def walk(element) -> None:
        block = element.tag in _BLOCKS
        if block:
            flush()
        if element.tag not in ("graphic",):
            current.append(element.text or "")
        for child in element:
            walk(child)
        if block:
            flush()
        current.append(element.tail or "")

    for child in document.body:
        walk(child)
    flush()
    return lines


def _without_furniture(paragraphs: list[str], title: str | None) -> list[str]:
    """Drop what trafilatura keeps of the page's furniture: the title again, datelines, '>> related'
    links, and everything from a 'related stories' or 'tags' heading on."""
    title_key = _key(title) if title else None
    kept = []
    for line in paragraphs:
        if _END_OF_ARTICLE.match(line):
            break
        line = _RELATED_SUFFIX.sub("", line)
        if not line or (title_key and _key(line) == title_key):
            continue
        if _RELATED_LINK.match(line) or _UI_LABEL.match(line):
            continue
        if len(line) <= 60 and find_dateline(line) and len(re.sub(r"[\d/:.,()\s+-]", "", line)) <= 25:
            continue
        kept.append(line)
    return kept


def _split_byline(paragraphs: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """The body without its closing byline, and the authors it names.

    The byline is the earliest of the last three lines that reads as one; what follows it
    (a second credit line, a call to send photos) goes with it.
    """
    for index in range(max(0, len(paragraphs) - 3), len(paragraphs)):
        authors = parse_byline(paragraphs[index])
        if authors is not None:
            return paragraphs[:index], authors
    return paragraphs, ()


def _marked_byline(container) -> tuple[str, ...]:
    """Authors from a right-aligned or author-marked short element (how many sites set the byline)."""
    for element in reversed([e for e in container.iter() if isinstance(e.tag, str)]):
        marks = " ".join(element.get(a) or "" for a in ("class", "id", "itemprop", "rel"))
        aligned = "right" in (element.get("align") or "").lower() or re.search(
            r"text-align\s*:\s*right", element.get("style") or "", re.IGNORECASE)
        if aligned or _AUTHOR_MARK.search(marks):
            text = _clean(element.text_content())
            if 0 < len(text) <= 80:
                authors = parse_byline(text)
                if authors:
                    return authors
    return ()


def parse_byline(line: str) -> tuple[str, ...] | None:
    """The people a byline names ('Quang Phong - Tùng Nguyên', 'Tin, ảnh: Vũ Phương Thảo',
    'Theo Sầm Hoa (Vietnamnet/Reuters)'); () for a credit without a person ('Theo Thanh Niên',
    'Nhóm PV'); None when the line is not a byline."""
    line = _clean(line)
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
    from .lexicon import lexicon

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


def _with_lead(lead: str, paragraphs: list[str]) -> list[str]:
    """The lead first, unless the body already opens with it; body lines that are part of it go."""
    lead_key = _key(lead)
    rest = [p for p in paragraphs if not (_key(p) in lead_key and len(p) >= 20)]
    if rest and lead_key in _key(rest[0]):
        return rest
    return [lead, *rest]
