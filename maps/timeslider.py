"""Time steps for the slider, and the slider control itself.

The slider shows events accumulating: step i shows every event dated on or
before step i's last day, and the last step is the all-time view. Steps are
calendar days for short spans and calendar weeks (Monday to Sunday) for long
ones, so playing the slider moves at an even pace; a span of more than
MAX_SPAN_STEPS steps keeps only the steps that hold events.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Sequence

from folium.elements import MacroElement
from folium.template import Template

from .errors import MapError

if TYPE_CHECKING:
    import numpy as np

STEPS = ("auto", "day", "week")
# Above this many days "auto" switches to weeks: a slider with more positions
# than pixels cannot be aimed.
AUTO_DAY_LIMIT = 180
# Above this many steps in the span, only the steps holding events get a position, so the
# map's size follows the events, not the dates between them (two events 8,000 years apart
# made a 70 MB map).
MAX_SPAN_STEPS = 1000


def time_steps(dates: Sequence[str], step: str = "auto") -> tuple[str, list[str], "np.ndarray"]:
    """(unit, step labels, step index per date) for ISO ``dates``.

    Labels are the last day each step covers, so "through <label>" is exact.
    """
    import numpy as np
    import pandas as pd

    if step not in STEPS:
        raise MapError(f"unknown time step {step!r}; use one of {', '.join(STEPS)}")
    if len(dates) == 0:
        return "day", [""], np.zeros(0, dtype=np.int64)
    parsed = pd.to_datetime(pd.Series(np.asarray(dates, dtype=object)), format="%Y-%m-%d", errors="coerce")
    bad = parsed.isna().to_numpy()
    if bad.any():
        first_bad = list(dates)[int(np.argmax(bad))]
        raise MapError(f"event date {first_bad!r} is not an ISO date (YYYY-MM-DD); "
                       "fix the event (frontline edit) or filter it out")
    days = parsed.to_numpy().astype("datetime64[D]").astype(np.int64)
    first, last = int(days.min()), int(days.max())
    unit = step
    if step == "auto":
        unit = "day" if last - first <= AUTO_DAY_LIMIT else "week"
    epoch = dt.date(1970, 1, 1)
    # 1970-01-01 was a Thursday: shift by 3 so weeks start on Monday.
    keys = days if unit == "day" else (days + 3) // 7
    k0, k1 = int(keys.min()), int(keys.max())
    if k1 - k0 < MAX_SPAN_STEPS:
        steps = np.arange(k0, k1 + 1)
        index = keys - k0
    else:  # a sparse span: the steps that hold events (each label still exact)
        steps, index = np.unique(keys, return_inverse=True)
    if unit == "day":
        labels = [(epoch + dt.timedelta(days=int(d))).isoformat() for d in steps]
    else:
        labels = [(epoch + dt.timedelta(days=min(int(w) * 7 - 3 + 6, last))).isoformat()
                  for w in steps]
    return unit, labels, np.asarray(index, dtype=np.int64)


class TimeSlider(MacroElement):
    """A range input in a Leaflet control: drag to show events through a day or week."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this.data_name }}.addSlider({{ this.options|tojson }});
        {% endmacro %}
    """)

    def __init__(self, data_name: str, unit: str, position: str = "bottomleft", interval_ms: int = 700):
        super().__init__()
        self._name = "TimeSlider"
        self.data_name = data_name
        self.options = {"unit": unit, "position": position, "interval": interval_ms}
