"""Productive hours, and what one of them costs: the paid hour divided by shrinkage and occupancy."""

from __future__ import annotations

from grader.models.cost.inputs import _non_negative, _rate_of_success, _share

__all__ = ["cost_per_productive_hour", "productive_hours"]


def productive_hours(paid_hours: float, *, shrinkage: float, occupancy: float) -> float:
    """Hours actually spent handling contacts out of ``paid_hours``.

    productive = paid x (1 - shrinkage) x occupancy.  Shrinkage (breaks, training, absence,
    meetings) removes paid time from the schedule; occupancy is the busy share of what is left.

    >>> productive_hours(2080, shrinkage=0.25, occupancy=0.80)  # a 40-hour week for a year
    1248.0
    """
    paid = _non_negative("paid_hours", paid_hours)
    return paid * (1 - _share("shrinkage", shrinkage)) * _rate_of_success("occupancy", occupancy)


def cost_per_productive_hour(
    *,
    shrinkage: float,
    occupancy: float,
    billed_rate: float | None = None,
    base_wage: float | None = None,
    benefits_load: float | None = None,
    overhead_per_hour: float | None = None,
) -> float:
    """USD for one hour actually spent handling contacts (talk, hold and wrap-up).

    Give either a vendor's ``billed_rate`` (USD per paid hour, already fully loaded) or the
    in-house parts: ``base_wage`` (USD/h), ``benefits_load`` (share of base wage, e.g. 0.45)
    and ``overhead_per_hour`` (facilities, IT, supervision; USD per paid hour).  Then

        paid-hour cost = billed_rate, or base_wage x (1 + benefits_load) + overhead_per_hour
        productive-hour cost = paid-hour cost / (1 - shrinkage) / occupancy

    Pass the shrinkage *you pay for*: a vendor billing per logged-in hour has already taken
    shrinkage out of the bill, so pass ``shrinkage=0`` for such a contract.

    >>> cost_per_productive_hour(billed_rate=40.0, shrinkage=0.20, occupancy=0.80)
    62.5
    >>> cost_per_productive_hour(base_wage=10.0, benefits_load=0.5, overhead_per_hour=5.0,
    ...                          shrinkage=0.0, occupancy=1.0)
    20.0
    >>> cost_per_productive_hour(billed_rate=40.0, shrinkage=0.2, occupancy=0)
    Traceback (most recent call last):
    ...
    ValueError: occupancy must be in (0, 1], got 0
    """
    if (billed_rate is None) == (base_wage is None):
        raise ValueError("billed_rate or base_wage: give exactly one of them")
    if billed_rate is not None:
        # A billed rate already carries the vendor's benefits and overhead; adding ours would
        # count them twice.
        for name, extra in (("benefits_load", benefits_load), ("overhead_per_hour", overhead_per_hour)):
            if extra is not None:
                raise ValueError(f"{name} applies to in-house costs only; a billed rate is fully loaded")
        paid_hour = _non_negative("billed_rate", billed_rate)
    else:
        assert base_wage is not None  # for the type checker: exactly one was given
        wage = _non_negative("base_wage", base_wage)
        # A load of 1 or more (benefits dearer than the wage) is almost surely a percent typed
        # as a fraction, so it is refused like the other shares.
        load = _share("benefits_load", 0.0 if benefits_load is None else benefits_load)
        overhead = _non_negative("overhead_per_hour", 0.0 if overhead_per_hour is None else overhead_per_hour)
        paid_hour = wage * (1 + load) + overhead
    return paid_hour / (1 - _share("shrinkage", shrinkage)) / _rate_of_success("occupancy", occupancy)
