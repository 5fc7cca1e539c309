"""The close-case conventions written in docs/extraction.md hold: each example row of its table
gives exactly the events the table says."""
from __future__ import annotations

import pathlib
import re

import pytest

from tracker.extract import extract_mentions

DOC = pathlib.Path(__file__).resolve().parent.parent / "docs" / "extraction.md"
_RELATIONS = ("outskirts of", "north of", "south of", "east of", "west of", "in", "into", "near", "on",
              "toward", "to", "around", "direction")


def _rows() -> list[tuple[str, str, str]]:
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- conventions table", 1)[1].split("\n\n", 1)[0]
    rows = []
    for line in table.splitlines()[3:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3:
            rows.append(tuple(cells))
    return rows


def _parse(events: str) -> list[tuple]:
    if events == "none":
        return []
    out = []
    for e in events.split(";"):
        words = e.strip().split()
        side, kind, rest = words[0], words[1], " ".join(words[2:])
        status = None
        if rest.split()[-1] in ("confirmed", "assessed", "claimed"):
            rest, status = rest.rsplit(" ", 1)
        rel = next(r for r in sorted(_RELATIONS, key=len, reverse=True) if rest.startswith(r + " "))
        out.append((side, kind, rel, rest[len(rel) + 1:], status))
    return sorted(out)


def test_the_table_is_there():
    assert len(_rows()) >= 12


@pytest.mark.parametrize("convention,example,events", _rows(), ids=lambda x: x[:40])
def test_convention(convention, example, events):
    got = sorted((m.side, m.kind, m.relation, m.place, m.status) for m in extract_mentions(example, "2025-01-10"))
    assert got == _parse(events), convention


def test_forces_moving_or_advancing_on_a_place_are_an_effort_under_way():
    # the convention: an effort under way is an attack; footage of troops having moved is an advance
    from tracker.extract import extract_mentions

    def facts(text):
        return {(m.side, m.kind, m.place) for m in extract_mentions(text, "2026-12-01")}

    assert facts("Russian forces are moving toward Dobropillia.") == {("russia", "attack", "Dobropillia")}
    assert facts("Russian troops are advancing on Pokrovsk from the south.") == {("russia", "attack", "Pokrovsk")}
    assert facts("Footage shows Russian troops moving toward Dobropillia.") == {("russia", "advance", "Dobropillia")}
    assert facts("Russia is moving troops toward the border near Kharkiv.") == {("russia", "deployment", "Kharkiv")}
