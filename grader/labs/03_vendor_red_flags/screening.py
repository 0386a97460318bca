"""Lab 03: vendor fact sheets against benchmark ranges (the numbers and the chart).

The scenario carries three tables:

* ``vendors``: one row per vendor (``id`` a, b, c ...), the fact sheets side by side. The
  numeric columns used here are ``agents_per_supervisor``, ``annual_attrition``,
  ``training_weeks``, ``qa_scored_per_agent_month``, ``scale_up_weeks`` and
  ``rate_per_paid_hour``; ``country`` picks the regional benchmark;
* ``benchmarks``: one row per metric (a column of ``vendors``) and region (``all`` or a
  country), with ``low`` and ``high`` (a blank bound means no limit on that side), the unit
  and the source. Every range lives here, never in code, so the chart follows the data;
* ``programme``: ``name, value, unit, meaning`` rows: ``agents``, ``peak_agents``,
  ``peak_notice_weeks`` and ``coaching_hours_per_supervisor_week``.

Every vendor has a document ``vendor_<id>`` (its proposal). The red-flag options of the
``red_flags`` decision have ids ``<area>-<vendor id>-<words>``, so a flag can be traced to
its checklist area and its vendor; a real flag's feedback says ``In operation: ...``.

>>> benchmark_status(0.14, 0.20, 0.40), benchmark_status(32, 10, 20), benchmark_status(4, 4, None)
('below', 'above', 'within')
>>> range_text(0.2, 0.4, "share a year"), range_text(4, float("nan"), "contacts")
('20-40 %', 'at least 4')
>>> vendor_of("security-a-leaver-access"), area_of("security-a-leaver-access")
('a', 'security')
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from grader.display.charts import DATA_NAME, PALETTE, FiguredChart

if TYPE_CHECKING:
    import pandas as pd

    from grader.labs.base import LabContext as Lab

FLAGS = "red_flags"
SHORTLIST = "shortlist"
#: The seven questions of the lab's introduction, one id each, in its order (who answers, when
#: a new agent is ready, where each contact is kept, who helps an agent who struggles, who can
#: open the records, what happens at the peak, whose rules apply): every red-flag option id
#: starts with one of these.  The ids predate the questions' wording and stay, so saved
#: answers keep their meaning.
AREAS = ("recruiting", "training", "technology", "management", "security", "scaling", "compliance")
ALL_REGIONS = "all"
WITHIN, BELOW, ABOVE, NOT_GIVEN = "within", "below", "above", "not given"
STATUS_COLOURS = {WITHIN: PALETTE[2], BELOW: PALETTE[5], ABOVE: PALETTE[5]}
BAND_COLOUR = "#d9d9d9"
IN_OPERATION = "In operation:"
SHORTLIST_COLUMNS = (
    "Vendor",
    "Rate (USD per paid hour)",
    "Agents replaced a year",
    "Coaching a week per agent",
    "Human-scored contacts per agent a month",
    "Your peak",
)


# --------------------------------------------------------------------------- the numbers


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def benchmark_status(value: float | None, low: float | None, high: float | None) -> str:
    """``below``, ``within`` or ``above`` the range ``[low, high]`` (bounds included).

    A missing bound (``None`` or NaN, a blank cell in the CSV) sets no limit on that side;
    a missing value is ``not given``.
    """
    if not _missing(low) and not _missing(high) and float(low) > float(high):  # type: ignore[arg-type]
        raise ValueError(f"low ({low}) must not be above high ({high})")
    if _missing(value):
        return NOT_GIVEN
    if not _missing(low) and float(value) < float(low):  # type: ignore[arg-type]
        return BELOW
    if not _missing(high) and float(value) > float(high):  # type: ignore[arg-type]
        return ABOVE
    return WITHIN


def _is_share(unit: str) -> bool:
    return unit.startswith("share")


def value_text(value: float, unit: str) -> str:
    """A figure as the learner reads it: shares as percent, other numbers as they are."""
    if _missing(value):
        return "not given"
    if _is_share(unit):
        return f"{float(value):.0%}".replace("%", " %")
    return f"{float(value):,.4g}"


def range_text(low: float | None, high: float | None, unit: str) -> str:
    """``20-40 %``, ``at least 4``, ``at most 20`` or ``any``."""

    def shown(bound: float) -> str:
        return f"{float(bound) * 100:.0f}" if _is_share(unit) else f"{float(bound):,.4g}"

    suffix = " %" if _is_share(unit) else ""
    if _missing(low) and _missing(high):
        return "any"
    if _missing(high):
        return f"at least {shown(low)}{suffix}"  # type: ignore[arg-type]
    if _missing(low):
        return f"at most {shown(high)}{suffix}"
    return f"{shown(low)}-{shown(high)}{suffix}"  # type: ignore[arg-type]


def vendor_label(vendor_id: str, name: str) -> str:
    return f"Vendor {vendor_id.upper()} ({name})"


def vendor_of(option_id: str) -> str:
    """The vendor id in a red-flag option id ``<area>-<vendor>-<words>``."""
    parts = option_id.split("-")
    return parts[1] if len(parts) > 2 else ""


def area_of(option_id: str) -> str:
    """The checklist area in a red-flag option id ``<area>-<vendor>-<words>``."""
    return option_id.split("-", 1)[0]


def screen(vendors: pd.DataFrame, benchmarks: pd.DataFrame) -> pd.DataFrame:
    """One row per vendor and benchmarked metric: the value, its range and where it falls.

    Metrics come in the order of the benchmarks table; a metric with no range for a vendor's
    country (and no ``all`` row) is left out for that vendor.
    """
    import pandas as pd

    metrics = list(dict.fromkeys(benchmarks["metric"]))
    ranges = {(str(r["metric"]), str(r["region"])): r for r in benchmarks.to_dict("records")}
    rows = []
    for vendor in vendors.to_dict("records"):
        for metric in metrics:
            # A vendor's own country first, else the range for every region.
            bench = ranges.get((metric, str(vendor["country"]))) or ranges.get((metric, ALL_REGIONS))
            if bench is None:
                continue
            value = vendor[metric]
            value = None if _missing(value) else float(value)
            low = None if _missing(bench["low"]) else float(bench["low"])
            high = None if _missing(bench["high"]) else float(bench["high"])
            unit = str(bench["unit"])
            status = benchmark_status(value, low, high)
            # Shares are drawn as percent, as the labels read.
            scale = 100.0 if _is_share(unit) else 1.0
            rows.append(
                {
                    "vendor_id": str(vendor["id"]),
                    "vendor": vendor_label(str(vendor["id"]), str(vendor["vendor"])),
                    "metric": metric,
                    "label": str(bench["label"]),
                    "unit": unit,
                    "value": value,
                    "low": low,
                    "high": high,
                    "plot_value": None if value is None else value * scale,
                    "band_low": 0.0 if low is None else low * scale,
                    "band_high": None if high is None else high * scale,
                    "status": status,
                    "range": range_text(low, high, unit),
                    "shown": f"{value_text(value, unit)} ({status})",  # type: ignore[arg-type]
                }
            )
    table = pd.DataFrame(rows)
    if len(table):
        # An open upper end is drawn to a little past the largest figure of that metric.
        tops = table[["plot_value", "band_low"]].max(axis=1).groupby(table["metric"]).transform("max")
        table["band_high"] = table["band_high"].fillna(tops * 1.15)
    return table


def outside(screened: pd.DataFrame) -> dict[str, list[str]]:
    """Vendor label -> one phrase per figure outside its range, in vendor order."""
    found: dict[str, list[str]] = {}
    for row in screened.itertuples(index=False):
        if row.status in (BELOW, ABOVE):
            label = row.label[0].lower() + row.label[1:]
            found.setdefault(row.vendor, []).append(
                f"{label} {value_text(row.value, row.unit)} against {row.range} ({row.status})"
            )
    return found


def lab_screen(lab: Lab) -> pd.DataFrame:
    """:func:`screen` for the lab's scenario."""
    return screen(lab.table("vendors"), lab.table("benchmarks"))


def programme_values(lab: Lab) -> dict[str, float]:
    """The programme table as name -> value."""
    table = lab.table("programme")
    return {str(n): float(v) for n, v in zip(table["name"], table["value"], strict=True)}


# --------------------------------------------------------------------------- chart


def benchmarks_chart(lab: Lab) -> FiguredChart:
    """Each vendor's figures against the benchmark ranges, one panel per metric."""
    screened = lab_screen(lab)
    labels = list(dict.fromkeys(screened["label"]))
    vendors = list(dict.fromkeys(screened["vendor"]))
    flagged = outside(screened)
    clean = [v for v in vendors if v not in flagged]
    parts = [
        "Each vendor's fact sheet against the benchmark ranges (indicative ranges; some are course "
        "assumptions, see the benchmarks table)."
    ]
    if flagged:
        parts.append(
            "Outside a range: " + "; ".join(f"{v}: {', '.join(p)}" for v, p in flagged.items()) + "."
        )
    else:
        parts.append("Outside a range: no vendor.")
    parts.append(f"Within every range: {', '.join(clean) if clean else 'no vendor'}.")
    parts.append(
        "Below a range can be a warning too (a figure too good to be true), a figure outside a range "
        "can be honestly counted or explained, and a fact sheet inside every range can still hide a "
        "red flag: read the proposals."
    )
    summary = " ".join(parts)
    counts = screened["status"].value_counts()
    legend = [
        ("Benchmark range (shaded band)", BAND_COLOUR, "see the benchmarks table for each source"),
        ("Within the range (circle)", STATUS_COLOURS[WITHIN], f"{int(counts.get(WITHIN, 0))} figures"),
        (
            "Outside the range (triangle)",
            STATUS_COLOURS[ABOVE],
            f"{int(counts.get(BELOW, 0) + counts.get(ABOVE, 0))} figures",
        ),
    ]
    data = screened[["vendor", "label", "band_low", "band_high", "plot_value", "status", "shown"]]

    def build(alt: Any) -> Any:
        y = alt.Y("vendor:N", title=None, sort=vendors, axis=alt.Axis(labelLimit=260))
        band = (
            alt.Chart()
            .mark_bar(color=BAND_COLOUR, height={"band": 0.8})
            .encode(y=y, x=alt.X("band_low:Q", title=None, axis=alt.Axis(tickCount=4)), x2="band_high")
        )
        status = alt.Scale(
            domain=[WITHIN, BELOW, ABOVE],
            range=[STATUS_COLOURS[WITHIN], STATUS_COLOURS[BELOW], STATUS_COLOURS[ABOVE]],
        )
        points = (
            alt.Chart()
            .mark_point(filled=True, size=70)
            .encode(
                y=y,
                x="plot_value:Q",
                color=alt.Color("status:N", scale=status, legend=None),
                shape=alt.Shape(
                    "status:N",
                    scale=alt.Scale(domain=[WITHIN, BELOW, ABOVE], range=["circle", "triangle", "triangle"]),
                    legend=None,
                ),
            )
        )
        text = (
            alt.Chart()
            .mark_text(align="left", dx=7, fontSize=10)
            .encode(y=y, x="plot_value:Q", text="shown:N")
        )
        return (
            alt.layer(band, points, text, data=alt.Data(name=DATA_NAME))
            .properties(width=300, height=alt.Step(16))
            .facet(
                row=alt.Row(
                    "label:N",
                    title=None,
                    sort=labels,
                    header=alt.Header(
                        labelAngle=0, labelOrient="top", labelAnchor="start", labelFontWeight="bold"
                    ),
                )
            )
            .resolve_scale(x="independent")
        )

    return FiguredChart(
        f"vendor-benchmarks-{len(labels)}-{len(vendors)}",
        build,
        data,
        summary,
        legend,
        title="Fact sheets against benchmark ranges",
    )
