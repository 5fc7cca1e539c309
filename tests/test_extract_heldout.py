"""The held-out sentences (tests/data/heldout_sentences.jsonl) keep their score.

They are written for this project in our own words (see tests/data/build_heldout.py),
so they test how the extraction generalises beyond the dev set. The floors sit a
little below the figures reached, so any real regression fails here.
"""
from __future__ import annotations

import importlib.util
import json
import pathlib
import re

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
HELDOUT = REPO / "tests" / "data" / "heldout_sentences.jsonl"


def _score_dev():
    spec = importlib.util.spec_from_file_location("score_dev", REPO / "bench" / "score_dev.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def report(gazetteer):  # the session gazetteer: its index is built once
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert _score_dev().main([str(HELDOUT)]) == 0
    return out.getvalue()


def _row(report: str, kind: str) -> tuple[float, float, float]:
    m = re.search(rf"^{kind}\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", report, re.M)
    assert m, report
    return tuple(float(x) for x in m.groups())


def _ratio(report: str, label: str) -> float:
    m = re.search(rf"{label}[^:]*: (\d+)/(\d+)", report)
    assert m, report
    return int(m.group(1)) / int(m.group(2))


def test_the_heldout_file_is_well_formed():
    items = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines()]
    assert len(items) >= 290
    assert sum(not it["events"] for it in items) >= 60
    assert len({it["id"] for it in items}) == len(items)


@pytest.mark.parametrize("kind, floor", [("advance", 0.99), ("attack", 0.99), ("deployment", 0.99),
                                         ("all", 0.99)])
def test_heldout_f1_floors(report, kind, floor):
    p, r, f1 = _row(report, kind)
    assert f1 >= floor, report
    assert p >= 0.975, report


def test_heldout_status_claimant_and_relation_floors(report):
    assert _ratio(report, "status accuracy") >= 0.99, report
    assert _ratio(report, "claimant exactly") >= 0.96, report
    assert _ratio(report, "relation accuracy") >= 0.98, report


# Three sets written by other writers (helper agents that never saw the extractor's code), each
# scored blind before it was read; only their even lines were read while working. Floors a little
# below today's figures on the whole file: (advance status-aware, attack, deployment).
OTHER_WRITERS = {
    "a": (0.80, 0.89, 0.62),
    "b": (0.72, 0.83, 0.75),
    "c": (0.88, 0.88, 0.70),
    "d": (0.65, 0.68, 0.75),
    "e": (0.83, 0.88, 0.69),
    "f": (0.84, 0.84, 0.76),
}


@pytest.mark.parametrize("name", sorted(OTHER_WRITERS))
def test_other_writers_floors(name, gazetteer):
    import contextlib
    import io

    path = REPO / "tests" / "data" / f"other_writers_{name}.jsonl"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert _score_dev().main([str(path)]) == 0
    report = out.getvalue()
    adv = float(re.search(r"advance F1, status-aware: ([\d.]+)", report).group(1))
    att, dep = _row(report, "attack")[2], _row(report, "deployment")[2]
    floor_adv, floor_att, floor_dep = OTHER_WRITERS[name]
    assert adv >= floor_adv and att >= floor_att and dep >= floor_dep, report
