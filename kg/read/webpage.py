"""Saved news pages: one article's text and metadata from its HTML, or why it is not an article.

The main text comes from trafilatura, a maintained boilerplate remover. kg helps it on the
table layouts of older Vietnamese sites by handing it only the part of the page that starts
at the visible headline (the heading whose text is the page's own title) and holds the body:
menus, breadcrumbs and teaser lists before the headline never reach it. The lead (sapo)
is taken from the element that shows the page's description, and the byline from the last
short lines of the body or the right-aligned or author-marked element that closes it.

Metadata comes from the page itself (``pagemeta``): JSON-LD ``NewsArticle``, Open Graph and ``article:``
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

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import trafilatura

from .decoding import looks_vietnamese
from ..normalise import normalise_text
from ..records import Article
from .pagemeta import PageMetadata, absolute_url, clean, comparison_key, parse_byline
from .timestamps import find_dateline, has_time, parse_timestamp

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
    meta = PageMetadata(tree)
    page_url = meta.canonical_url() or absolute_url(url)
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

    title = clean(heading.text_content()) if heading is not None else (title_candidates[0] if title_candidates else None)
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



def _find_heading(tree, candidates: list[str]) -> lxml.html.HtmlElement | None:
    """The visible headline: the first heading whose text is the page's title (or its start)."""
    keys = [comparison_key(c) for c in candidates]
    if not keys:
        return None
    body = tree.find("body")
    if body is None:
        return None
    for path in ("//h1", "//h2", "//h3", "//*[contains(translate(@class,'TITLE','title'),'title')]"):
        for element in body.xpath(path):
            text = comparison_key(element.text_content())
            if len(text) < 10 or len(text.split()) < 3:
                continue
            for key in keys:
                if key == text or (key.startswith(text) and _SEPARATOR.match(key[len(text):])):
                    return element
    return None


def _refusal(meta: PageMetadata, heading, page_url: str | None) -> str | None:
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
        start = comparison_key(description)[:40].rstrip(". …")
        if len(start) < 20:
            continue
        matches = [e for e in elements if comparison_key(_own_text(e)).startswith(start)]
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
    return _RELATED_SUFFIX.sub("", clean("".join(parts)))


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
        line = clean("".join(current))
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
    title_key = comparison_key(title) if title else None
    kept = []
    for line in paragraphs:
        if _END_OF_ARTICLE.match(line):
            break
        line = _RELATED_SUFFIX.sub("", line)
        if not line or (title_key and comparison_key(line) == title_key):
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
            text = clean(element.text_content())
            if 0 < len(text) <= 80:
                authors = parse_byline(text)
                if authors:
                    return authors
    return ()


def _with_lead(lead: str, paragraphs: list[str]) -> list[str]:
    """The lead first, unless the body already opens with it; body lines that are part of it go."""
    lead_key = comparison_key(lead)
    rest = [p for p in paragraphs if not (comparison_key(p) in lead_key and len(p) >= 20)]
    if rest and lead_key in comparison_key(rest[0]):
        return rest
    return [lead, *rest]


def read_page_safely(page: str, source: str, url: str | None = None) -> Article | NotAnArticle:
    """``read_page``, with whatever goes wrong on an odd page as the reason it is not an article."""
    try:
        return read_page(page, source, url=url)
    except Exception as error:  # noqa: BLE001 - one odd page must not stop a batch of thousands
        return NotAnArticle(source, f"cannot read this page ({type(error).__name__}: {error})")
