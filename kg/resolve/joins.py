"""Which per-article nodes of one name are one person, over the whole store.

Each article decides a person's identity from its own evidence (``kg.resolve.resolve``): the
name, and the province of the bodies it gives their posts in. So one person whom one article
names by a province's post and another by no post, or by a national post, is two nodes. This
module decides, over every article of the store, which of those nodes are one person; the
identity pass (``kg.identities``) carries the decisions out. A decision is a function of the
articles alone, so the same articles give the same joins in any build order.

Only a node without a province (the name alone) is ever joined, and only to the one node of
the name that has a province; two province nodes are two people (or one whom kg cannot tell
from a namesake), and a name-alone node beside two of them is left alone. Each article's
mention of the name-alone node is judged by itself:

- evidence against (any one keeps it apart): an army or police rank or body on one side and
  only civilian posts on the other (a driver, a minister and a police captain are different
  people), unless both hold the same post; the article or the person's sentences about
  another province, for a mention with no national post; a national post and the province
  post held at the same time (dated attestations within ``SIMULTANEOUS_DAYS``);
- evidence for: nothing but the name (no post in a named body): the node of the only
  province is the one the article means; the same post in the same body on both sides;
  a province's unnamed body ("Tỉnh ủy") where the province node holds that role in its
  province's body; a career: a national leader's post (``kg/lexicons/leaders.tsv``) in the
  article and a province leader's post in the province node. Without evidence for, a
  mention with posts stays apart (a ministry's department head and a province's vice
  chairman of one name are two people until an article says otherwise).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..lexicon import lexicon
from ..normalise import fold
from . import awaits_province

__all__ = ["Decision", "Holding", "SIMULTANEOUS_DAYS", "Unit", "decide"]

SIMULTANEOUS_DAYS = 180
"""How close two dated attestations must be to count as posts held at the same time."""
_ARMED_KINDS = ("police", "army", "navy")


@dataclass(frozen=True, slots=True)
class Holding:
    """A post as one article gives it to a person."""

    post: str
    """The post's IRI in the article."""
    role: str
    """The role's Vietnamese name ('Bí thư')."""
    body: str = ""
    """The body's IRI; empty when the article names none."""
    body_name: str = ""
    body_province: str = ""
    """The province the body is located in, when its place is a province (not a district's)."""
    former: bool = False
    date: str = ""
    """The date the article attests it at (YYYY-MM-DD), if any."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One person as one article gives them: the node the article's own evidence named."""

    article: str
    node: str
    name: str
    basis: str = ""
    """The province of the node's identity (kgo:identityBasis); empty: the name alone."""
    ranks: tuple[str, ...] = ()
    holdings: tuple[Holding, ...] = ()
    place: str = ""
    """The one province the person's sentences name, else the province the article is about."""


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether a name-alone unit is joined to its name's province node, and why."""

    unit: Unit
    candidate: str
    """The province node it was judged against; empty when the name has several."""
    joined: bool
    reason: str
    support: tuple[str, ...]
    """The articles the decision rests on: the unit's and the province node's that say what it weighed."""


def decide(units: Iterable[Unit]) -> list[Decision]:
    """A decision for every name-alone unit of a name that also has a province node, in a
    fixed order (by name, article, node)."""
    by_name: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        by_name[fold(unit.name)].append(unit)
    decisions = []
    for name in sorted(by_name):
        group = sorted(by_name[name], key=lambda unit: (unit.article, unit.node))
        provinces = sorted({unit.node: unit.basis for unit in group if unit.basis}.items())
        alone = [unit for unit in group if not unit.basis]
        if not provinces or not alone:
            continue
        if len(provinces) > 1:
            reason = (f"ambiguous: {len(provinces)} province nodes of the name "
                      f"({', '.join(basis for _, basis in provinces)}); none is joined")
            decisions += [Decision(unit, "", False, reason, (unit.article,)) for unit in alone]
            continue
        node = provinces[0][0]
        province = [unit for unit in group if unit.node == node]
        decisions += [_judge(unit, node, province) for unit in alone]
    return decisions


def _judge(unit: Unit, node: str, province: Sequence[Unit]) -> Decision:
    basis = province[0].basis
    theirs = [(other.article, holding) for other in province for holding in other.holdings]
    shared = sorted({article for article, holding in theirs
                     if any(_same_post(mine, holding) for mine in unit.holdings if mine.body)})

    def decision(joined: bool, reason: str, articles: Iterable[str] = ()) -> Decision:
        return Decision(unit, node, joined, reason, tuple(sorted({unit.article, *articles})))

    mine_service, their_service = _service(unit.ranks, unit.holdings), _service(
        [rank for other in province for rank in other.ranks], [holding for _, holding in theirs])
    if mine_service and their_service and mine_service != their_service and not shared:
        return decision(False, f"{mine_service} here, {their_service} in the {basis} node",
                        (other.article for other in province))
    national = [holding for holding in unit.holdings if _leader_scope(holding) == "national"]
    if not national and unit.place and unit.place != basis:
        return decision(False, f"this article is about {unit.place}, the other node serves in {basis}")
    clash = _simultaneous(unit.holdings, theirs)
    if clash:
        article, reason = clash
        return decision(False, reason, (article,))
    if shared:
        posts = sorted({f"{mine.role}, {mine.body_name}" for mine in unit.holdings for _, holding in theirs
                        if mine.body and _same_post(mine, holding)})
        return decision(True, f"the same post in both: {'; '.join(posts)}", shared)
    bodied = [holding for holding in unit.holdings if holding.body]
    if not bodied:
        return decision(True, f"no post in a named body here and nothing against; the {basis} node is the "
                              "only one of the name with a province", (other.article for other in province))
    unplaced = [holding for holding in bodied if not holding.body_province and awaits_province(holding.body_name)]
    if len(unplaced) == len(bodied):
        matching = sorted({article for article, holding in theirs for mine in unplaced
                           if mine.role == holding.role and fold(holding.body_name).startswith(fold(mine.body_name))})
        if matching:
            return decision(True, f"a province's body left without its place here ({unplaced[0].role}, "
                                  f"{unplaced[0].body_name}), the same role in {basis}'s", matching)
        return decision(False, "a province's body left without its place, and no such post in the "
                               f"{basis} node")
    leading = sorted({article for article, holding in theirs if _leader_scope(holding) == "provincial"})
    if national and leading:
        return decision(True, f"a career: {national[0].role}, {national[0].body_name or national[0].role} here, "
                              f"a leader of {basis} in the other node", leading)
    return decision(False, "posts here that the other node does not hold, and no career between them")


def _same_post(mine: Holding, theirs: Holding) -> bool:
    return mine.body == theirs.body and fold(mine.role) == fold(theirs.role)


def _service(ranks: Iterable[str], holdings: Iterable[Holding]) -> str:
    """'army or police' for a person with a rank or a post in an armed body, 'civilian' for
    one with posts in named bodies and neither, '' for one with no such evidence."""
    holdings = list(holdings)
    if any(ranks) or any(_armed(holding.body_name) for holding in holdings if holding.body):
        return "army or police"
    return "civilian" if any(holding.body for holding in holdings) else ""


def _armed(body: str) -> bool:
    entry = lexicon().organizations.get(body)
    if entry is not None:
        return entry.kind in _ARMED_KINDS
    words = body.split()
    heads = (lexicon().org_kinds.get(" ".join(words[:n])) for n in range(len(words), 0, -1))
    head = next((found for found in heads if found is not None), None)
    return head is not None and head.kind in _ARMED_KINDS


def _leader_scope(holding: Holding) -> str:
    """'national' or 'provincial' for a leader's post of ``leaders.tsv``, else ''."""
    role = fold(holding.role)
    for row in lexicon().leaders:
        if fold(row["role"]) != role:
            continue
        if row["body"] and not fold(holding.body_name).startswith(fold(row["body"])):
            continue
        provincial = bool(holding.body_province) or awaits_province(holding.body_name)
        if row["scope"] == "provincial" and provincial or row["scope"] == "national" and not provincial:
            return row["scope"]
    return ""


def _held_beside_others(holding: Holding) -> bool:
    role, body = fold(holding.role), fold(holding.body_name)
    return any(row["with_others"] == "yes" and fold(row["role"]) == role and body.startswith(fold(row["body"]))
               for row in lexicon().leaders)


def _simultaneous(mine: Sequence[Holding], theirs: Sequence[tuple[str, Holding]]) -> tuple[str, str] | None:
    """(article, why) for a national post held here and a province post held in the other
    node at the same time, both dated and neither former nor held beside other posts."""
    for holding in mine:
        if (not holding.date or holding.former or not holding.body or holding.body_province
                or awaits_province(holding.body_name) or _held_beside_others(holding)):
            continue
        for article, other in theirs:
            if (not other.date or other.former or not other.body_province or _held_beside_others(other)
                    or _same_post(holding, other)):
                continue
            days = abs((date.fromisoformat(holding.date[:10]) - date.fromisoformat(other.date[:10])).days)
            if days <= SIMULTANEOUS_DAYS:
                return article, (f"held at the same time: {holding.role}, {holding.body_name} ({holding.date[:10]}) "
                                 f"here and {other.role}, {other.body_name} ({other.date[:10]}) in the other node")
    return None
