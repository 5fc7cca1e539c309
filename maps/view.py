"""The first view of a map: the densest region of events, not every outlier.

A report about the front that mentions North Korean training grounds in the
Russian Far East should open on the front, with the far-away events announced,
not as a speck at the edge of a view spanning Eurasia.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Sequence

SHARE = 0.9          # the first view holds at least this share of the main cluster
LINK_KM = 350.0      # events closer than about this belong to one cluster (a front is continuous)
ARROWS = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]


@dataclass
class View:
    bounds: list[list[float]] | None          # [[south, west], [north, east]]
    outside: list[dict[str, Any]] = field(default_factory=list)  # groups of events left out
    inside: int = 0


def _km_xy(lat, lon, lat0: float):
    import numpy as np

    return (np.asarray(lon) * 111.32 * math.cos(math.radians(lat0)), np.asarray(lat) * 110.57)


def main_view(lat: Sequence[float], lon: Sequence[float], labels: Sequence[str] = (),
              share: float = SHARE) -> View:
    """The box of the main cluster's central ``share`` of events, and the groups outside it.

    The main cluster is the largest group of events linked by gaps under about
    LINK_KM; within it the ``share`` of events nearest its median (in the box
    metric: the larger of the east-west and north-south km) set the view.
    ``labels`` names each event's region (admin1 or country) for the outside note.
    """
    import numpy as np

    lat = np.asarray(lat, dtype=float)
    lon = np.asarray(lon, dtype=float)
    n = len(lat)
    if n == 0:
        return View(None)
    lat0 = float(np.median(lat))
    x, y = _km_xy(lat, lon, lat0)
    main = _largest_cluster(x, y)
    cx, cy = float(np.median(x[main])), float(np.median(y[main]))
    dist = np.full(n, np.inf)
    dist[main] = np.maximum(np.abs(x[main] - cx), np.abs(y[main] - cy))
    keep = max(1, math.ceil(share * int(main.sum())))
    radius = float(np.partition(dist, keep - 1)[keep - 1])
    # keep every event as close as the last one kept, and anything within 50 km of the box
    inside = dist <= radius + 50.0
    s, w = float(lat[inside].min()), float(lon[inside].min())
    nn, e = float(lat[inside].max()), float(lon[inside].max())
    view = View([[s, w], [nn, e]], inside=int(inside.sum()))
    out = np.flatnonzero(~inside)
    if len(out):
        view.outside = _groups(out, lat, lon, list(labels) if len(labels) == n else [""] * n,
                               (s + nn) / 2, (w + e) / 2)
    return view


def _largest_cluster(x, y):
    """Mask of the largest cluster: grid cells of LINK_KM joined with their 8 neighbours."""
    import numpy as np

    cx = np.floor(x / LINK_KM).astype(np.int64)
    cy = np.floor(y / LINK_KM).astype(np.int64)
    cells: dict[tuple[int, int], int] = {}
    for key in zip(cx.tolist(), cy.tolist()):
        cells[key] = cells.get(key, 0) + 1
    parent = {c: c for c in cells}

    def find(c):
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for (i, j) in cells:
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                other = (i + di, j + dj)
                if other in cells:
                    a, b = find((i, j)), find(other)
                    if a != b:
                        parent[a] = b
    sizes: dict[tuple[int, int], int] = {}
    for c, count in cells.items():
        root = find(c)
        sizes[root] = sizes.get(root, 0) + count
    best = max(sizes, key=lambda r: (sizes[r], -r[0], -r[1]))
    members = {c for c in cells if find(c) == best}
    return np.array([key in members for key in zip(cx.tolist(), cy.tolist())], dtype=bool)


def _groups(idx, lat, lon, labels: list[str], clat: float, clon: float, limit: int = 4) -> list[dict]:
    by: dict[str, list[int]] = {}
    for i in idx:
        by.setdefault(labels[i] or "elsewhere", []).append(int(i))
    groups = sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    if len(groups) > limit:
        rest = [i for _, members in groups[limit - 1:] for i in members]
        groups = groups[: limit - 1] + [("elsewhere", rest)]
    out = []
    for label, members in groups:
        la = [float(lat[i]) for i in members]
        lo = [float(lon[i]) for i in members]
        mlat, mlon = sum(la) / len(la), sum(lo) / len(lo)
        angle = math.degrees(math.atan2(mlat - clat, (mlon - clon) * math.cos(math.radians(clat))))
        arrow = ARROWS[int(round(angle / 45.0)) % 8]
        out.append({"label": label, "count": len(members), "arrow": arrow,
                    "bounds": [[min(la), min(lo)], [max(la), max(lo)]]})
    return out
