"""How the labs write money in sentences and tables."""

from __future__ import annotations


def usd(value: float) -> str:
    """Whole US dollars with thousands separators; the sign before the dollar sign.

    >>> usd(1234567.8), usd(-950.2), usd(-0.4)
    ('$1,234,568', '-$950', '$0')
    """
    sign = "-" if round(value) < 0 else ""
    return f"{sign}${abs(value):,.0f}"
