"""How events look: colours per side, symbols per kind, styles per status, and the legend.

One table here feeds both the drawing code (via the data block) and the
legend, so the legend cannot drift from what is drawn.
"""
from __future__ import annotations

from typing import Any, Iterable

from tracker.event import OTHER_COLOUR, SIDE_COLOURS

SIDE_NOUNS: dict[str, str] = {
    "ukraine": "Ukraine", "russia": "Russia", "north_korea": "North Korea", "belarus": "Belarus",
}
SIDE_ADJECTIVES: dict[str, str] = {
    "ukraine": "Ukrainian", "russia": "Russian", "north_korea": "North Korean", "belarus": "Belarusian",
}
KIND_PLURALS: dict[str, str] = {
    "advance": "advances", "attack": "attacks", "deployment": "deployments and training grounds",
}
KIND_SHAPES: dict[str, str] = {"advance": "circle", "attack": "triangle", "deployment": "square"}
REGION_SHAPE = "diamond"
RADIUS_PX = 5

# Claimed advances are hollow and dashed, so nobody takes a claim for a fact;
# the report's own assessment sits between a claim and footage.
STATUS_STYLES: dict[str, dict[str, Any]] = {
    "confirmed": {"fillOpacity": 0.9, "weight": 1.5},
    "assessed": {"fillOpacity": 0.4, "weight": 1.5},
    "claimed": {"fillOpacity": 0.0, "weight": 2, "dashArray": "3 3"},
    "": {"fillOpacity": 0.9, "weight": 1.5},  # attacks and deployments carry no status
}
STATUS_LABELS: dict[str, str] = {
    "confirmed": "confirmed (footage)",
    "assessed": "assessed by the report",
    "claimed": "claimed (hollow, dashed)",
}
# Precisions drawn with a circle of their uncertainty radius; region-level
# events get their own symbol instead, since a 100 km circle reads as a front.
CIRCLE_PRECISIONS = ("near", "offset", "direction", "hromada", "district")
DATE_PRECISIONS: dict[str, str] = {
    "day": "date stated",
    "recent": "'recently': on or before this date",
    "before": "no later than the report date",
}


def colour(side: str) -> str:
    return SIDE_COLOURS.get(side, OTHER_COLOUR)


def side_noun(side: str) -> str:
    return SIDE_NOUNS.get(side) or side.replace("_", " ").strip().title() or "Unknown side"


def side_adjective(side: str) -> str:
    return SIDE_ADJECTIVES.get(side) or side_noun(side)


def layer_label(side: str, kind: str) -> str:
    """'Ukrainian advances', 'Russian deployments and training grounds', ... (plain text)."""
    return f"{side_adjective(side)} {KIND_PLURALS.get(kind, kind + 's')}"


def single_label(side: str, kind: str) -> str:
    return f"{side_adjective(side)} {kind}"


def style_spec() -> dict[str, Any]:
    """The drawing rules the browser runtime applies."""
    return {
        "status": STATUS_STYLES,
        "shapes": KIND_SHAPES,
        "regionShape": REGION_SHAPE,
        "radius": RADIUS_PX,
        "circlePrecisions": list(CIRCLE_PRECISIONS),
    }


def legend_spec(sides: Iterable[str], kinds: Iterable[str], statuses: Iterable[str],
                precisions: Iterable[str], retracted: bool = False) -> dict[str, Any]:
    """Legend sections for what is on this map only (labels are plain text, set via textContent)."""
    grey = OTHER_COLOUR
    solid = {"color": grey, "fill": True, "fillOpacity": 0.9, "weight": 1.5}
    sections = []
    side_items = [{"shape": "circle", "label": side_noun(s),
                   "style": {"color": colour(s), "fill": True, "fillOpacity": 0.9, "weight": 1.5}}
                  for s in sorted(set(sides), key=_side_order)]
    if side_items:
        sections.append({"title": "Side", "items": side_items})
    kinds = set(kinds)
    kind_items = [{"shape": KIND_SHAPES[k], "label": k, "style": solid} for k in KIND_SHAPES if k in kinds]
    if kind_items:
        sections.append({"title": "Kind", "items": kind_items})
    statuses = set(statuses)
    status_items = [{"shape": "circle", "label": STATUS_LABELS[s],
                     "style": {"color": grey, "fill": True, **STATUS_STYLES[s]}}
                    for s in STATUS_LABELS if s in statuses]
    if status_items:
        sections.append({"title": "Status (advances)", "items": status_items})
    precisions = set(precisions)
    prec_items = []
    if precisions & set(CIRCLE_PRECISIONS):
        prec_items.append({"shape": "ring", "label": "not an exact point: likely within the circle",
                           "style": {"color": grey, "fill": True, "fillOpacity": 0.06, "weight": 1,
                                     "dashArray": "3 3"}})
    if "region" in precisions:
        prec_items.append({"shape": REGION_SHAPE, "label": "somewhere in a region (not a town)",
                           "style": solid})
    if prec_items:
        sections.append({"title": "Place precision", "items": prec_items})
    if retracted:
        sections.append({"title": "Retracted", "items": [{
            "shape": "circle", "label": "retracted by an analyst (faint, dotted)",
            "style": {"color": grey, "fill": False, "fillOpacity": 0, "weight": 1.5, "dashArray": "1 3"}}]})
    return {"position": "bottomright", "sections": sections}


def _side_order(side: str) -> tuple[int, str]:
    order = list(SIDE_COLOURS)
    return (order.index(side) if side in order else len(order), side)
