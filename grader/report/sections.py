"""The report's sections, in reading order: each a chart (inline SVG) with its summary beside
it and, where the numbers matter one by one, a table below.

The same :class:`Section` objects make the HTML file (``grader.report.page``) and show in the
instructor notebook (their ``_repr_html_``), so both give the same view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from grader.display.html import NO_MATH, Table
from grader.labs import variants_kept
from grader.report import charts, summaries
from grader.report.data import read_cohort
from grader.report.outcomes import outcome_figures
from grader.report.statistics import common_mistakes, decision_statistics, lab_shares, learners_needing_help

if TYPE_CHECKING:
    import pandas as pd

    from grader.report.data import CohortData

__all__ = ["CohortReport", "Section", "build_report"]


@dataclass(frozen=True)
class Section:
    """A heading, a chart's SVG (may be empty), the sentences that say what it shows, and tables."""

    title: str
    svg: str
    summary: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    anchor: str = ""

    def html(self) -> str:
        summary = "".join(f"<p>{escape(line)}</p>" for line in self.summary)
        figure = (
            f"<figure class='chart' role='group' aria-label='{escape(self.title)}'>{self.svg}</figure>"
            if self.svg
            else ""
        )
        tables = "".join(t.html() for t in self.tables)
        anchor = f" id='{escape(self.anchor)}'" if self.anchor else ""
        return (
            f"<section class='report-section {NO_MATH}'{anchor}><h2>{escape(self.title)}</h2>"
            f"<div class='pair'>{figure}<div class='summary'><h3>In words</h3>{summary}</div></div>"
            f"{tables}</section>"
        )

    def _repr_html_(self) -> str:
        return self.html()


@dataclass(frozen=True)
class CohortReport:
    """Every section of one course's report, and the frames behind them for a notebook to explore."""

    course: str
    sections: tuple[Section, ...]
    frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False, compare=False)

    def _repr_html_(self) -> str:
        return "".join(section.html() for section in self.sections)


def build_report(course_dir: Path, db_url: str | None = None, processes: int | None = None) -> CohortReport:
    """The report of the graded course in ``course_dir`` (its gradebook, or the one at ``db_url``).

    Learners' variants and debrief figures are worked out over up to ``processes`` forked
    workers (default: the CPUs); the same report comes out whatever their number.
    """
    drawn: list[_CohortSections] = []
    # Each learner's variant is realised to read their decisions and again for their debrief.
    # While workers build the variants, this process imports what the charts need; while they
    # price the learners' choices, it draws every chart that does not show those prices.
    with variants_kept():
        data = read_cohort(Path(course_dir), db_url, processes=processes, meanwhile=charts.prepare)
        outcomes = outcome_figures(
            data, processes=processes, meanwhile=lambda: drawn.append(_cohort_sections(data))
        )
    cohort = drawn[0]
    sections = [*cohort.sections[:-1], *_outcome_sections(outcomes), cohort.sections[-1]]
    shown = cohort.frames
    frames = {
        "decisions": data.decisions,
        "scores": shown["scores"],
        "statistics": shown["statistics"],
        "mistakes": shown["mistakes"],
        "outcomes": outcomes,
        "help": shown["help"],
    }
    return CohortReport(data.course.course_id, tuple(sections), frames)


@dataclass(frozen=True)
class _CohortSections:
    """What the report shows of the cohort's results alone, before the simulated outcomes."""

    sections: tuple[Section, ...]  # scores, decisions, mistakes, then the help section (last)
    frames: dict[str, pd.DataFrame]  # scores, statistics, mistakes, help


def _cohort_sections(data: CohortData) -> _CohortSections:
    shares = lab_shares(data.scores)
    statistics = decision_statistics(data)
    mistakes = common_mistakes(data)
    help_list = learners_needing_help(data.scores)
    scores = Section(
        "Scores per lab",
        charts.to_svg(charts.scores_chart(shares)),
        tuple(summaries.scores_summary(shares)),
        anchor="scores",
    )
    return _CohortSections(
        (
            scores,
            _decisions_section(statistics),
            _mistakes_section(mistakes),
            _help_section(shares, help_list),
        ),
        {"scores": shares, "statistics": statistics, "mistakes": mistakes, "help": help_list},
    )


def _decisions_section(statistics: pd.DataFrame) -> Section:
    rows = [
        (
            f"{r.lab} · {r.title}",
            f"{r.answered} of {r.learners}",
            f"{r.difficulty:.0%}",
            "n/a" if r.discrimination != r.discrimination else f"{r.discrimination:.2f}",
            r.revealed,
            r.principle,
        )
        for r in statistics.itertuples()
    ]
    columns = ("Decision", "Answered", "Difficulty", "Discrimination", "Revealed", "Principle")
    svg = charts.to_svg(charts.decisions_chart(statistics)) if not statistics.empty else ""
    return Section(
        "Difficulty and discrimination per decision",
        svg,
        tuple(summaries.decisions_summary(statistics)),
        (Table("Every decision", columns, rows, left_aligned=True),),
        anchor="decisions",
    )


def _mistakes_section(mistakes: pd.DataFrame) -> Section:
    rows = [
        (
            f"{r.lab} · {r.title}",
            r.scenario,
            r.mistake,
            f"{r.learners} ({r.share:.0%})",
            summaries.first_sentence(r.principle),  # in full in the decisions table
        )
        for r in mistakes.itertuples()
    ]
    columns = ("Decision", "Scenario", "Mistake", "Learners", "Principle missed")
    svg = charts.to_svg(charts.mistakes_chart(mistakes)) if not mistakes.empty else ""
    return Section(
        "The most common wrong choices",
        svg,
        tuple(summaries.mistakes_summary(mistakes)),
        (
            Table(
                "Shared mistakes, most shared first (up to three per decision)",
                columns,
                rows,
                left_aligned=True,
            ),
        ),
        anchor="mistakes",
    )


def _outcome_sections(outcomes: pd.DataFrame) -> list[Section]:
    sections = []
    for lab, group in outcomes.groupby("lab", sort=True):
        charted = group[group["gap"].notna()]
        svg = charts.to_svg(charts.outcomes_chart(group)) if not charted.empty else ""
        lines = summaries.outcomes_summary(group)
        rows = [
            (r.learner, r.measure, r.yours, r.expert)
            for r in group.sort_values(["measure", "learner"]).itertuples()
        ]
        table = Table(
            f"{lab}: every learner's figures",
            ("Learner", "Measure", "Their choices", "The expert path"),
            rows,
            left_aligned=True,
        )
        sections.append(
            Section(
                f"Simulated outcomes against the expert path: {lab}",
                svg,
                tuple(lines or ["This lab's figures are counts in words; see the table."]),
                (table,),
                anchor=f"outcomes-{lab}",
            )
        )
    return sections


def _help_section(shares: pd.DataFrame, help_list: pd.DataFrame) -> Section:
    rows = [
        (r.learner, r.reason, ", ".join(r.low) or "none", ", ".join(r.missing) or "none")
        for r in help_list.itertuples()
    ]
    columns = ("Learner", "Why", "Labs below the threshold", "Labs not submitted")
    return Section(
        "Learners who may need help",
        charts.to_svg(charts.heatmap_chart(shares)),
        tuple(
            summaries.help_summary(help_list, shares["learner"].nunique()) + summaries.heatmap_summary(shares)
        ),
        (
            Table(
                "Learners to contact",
                columns,
                rows,
                left_aligned=True,
                empty="Nobody: every learner is on track.",
            ),
        ),
        anchor="help",
    )
