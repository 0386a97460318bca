"""Queueing models for workforce management: Erlang B, Erlang C and Erlang A (M/M/N+M).

One module per model: :mod:`~grader.models.queueing.erlang` (Erlang B and C: P(wait),
service level, ASA), :mod:`~grader.models.queueing.abandonment` (Erlang A, callers who hang
up; :mod:`~grader.models.queueing.abandonment_many`, many intervals at once),
:mod:`~grader.models.queueing.staffing` (agents for one interval, occupancy cap,
shrinkage) and :mod:`~grader.models.queueing.staffing_many` (a whole week at once, with
NumPy). Every public name is importable from here.

Conventions used throughout:

* Times (``interval``, ``aht``, ``target``, ``target_time``, ``patience``, and every ``asa``
  returned) are in **seconds**; traffic is in **Erlangs**, ``A = calls x aht / interval``.
* Agents (servers) are non-negative integers.
* When agents do not exceed the traffic (``N <= A``, ``A > 0``) an Erlang C queue grows without
  bound. That is a result, not an error: P(wait) is 1.0, the service level 0.0 and the ASA
  ``math.inf``.
* Zero traffic is served perfectly by any number of agents: P(wait) 0.0, service level 1.0,
  ASA 0.0 (and ``required_agents`` staffs it with 0 agents).
* Bad inputs (negative, NaN, infinite where a finite value is needed, zero interval or AHT,
  non-numbers) raise ``ValueError`` naming the argument.

Erlang B uses the stable recursion ``B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1))``, Erlang C is
derived from it (``C = N B / (N - A (1 - B))``), so both stay exact to rounding for thousands of
agents. Erlang A is computed exactly from its birth-death chain, in log space, with closed forms
for the waiting-time distribution (see :func:`erlang_a`); ``erlang_a_many`` checks a whole week's inputs
at once and solves each interval the same way. ``required_agents_many`` staffs a whole
week of intervals at once with NumPy.

>>> round(erlang_c(10, 14), 7)
0.1741319
>>> required_agents(100, 1800, 180, 0.8, 20).raw_agents
14
"""

from __future__ import annotations

from grader.models.queueing.abandonment import ErlangAResult, erlang_a
from grader.models.queueing.abandonment_many import erlang_a_many
from grader.models.queueing.erlang import asa, erlang_b, erlang_c, service_level
from grader.models.queueing.staffing import StaffingResult, required_agents
from grader.models.queueing.staffing_many import ArrayLike, required_agents_many

__all__ = [
    "ArrayLike",
    "ErlangAResult",
    "StaffingResult",
    "asa",
    "erlang_a",
    "erlang_a_many",
    "erlang_b",
    "erlang_c",
    "required_agents",
    "required_agents_many",
    "service_level",
]
