"""Is the report one self-contained HTML file: every chart drawn inline with its reading beside it,
nothing fetched from anywhere, money written as text?"""

from __future__ import annotations

import re

import pytest

from grader.report import build_report, report_html


@pytest.fixture(scope="module")
def report(eight_learner_course):
    return build_report(eight_learner_course)


@pytest.fixture(scope="module")
def html(report) -> str:
    return report_html(report)


def test_nothing_in_the_file_points_off_the_machine(html):
    """Does the file hold no URL, no script and no external stylesheet, font or image?"""
    # url(#id) is a gradient inside the same SVG: allowed.
    pattern = r"https?:|//[a-z0-9.-]+\.[a-z]{2,}/|\bsrc=|<script|<link|@import|url\((?!#)"
    assert not re.search(pattern, html, re.I)


def test_the_report_has_every_part_the_brief_names(report):
    """Are scores, decisions, shared mistakes, the outcomes of a priced lab and learners to help there?"""
    anchors = [section.anchor for section in report.sections]
    assert anchors[:3] == ["scores", "decisions", "mistakes"]
    assert "outcomes-01_sourcing_models" in anchors
    assert anchors[-1] == "help"


def test_every_chart_is_inline_svg_with_a_summary_beside_it(report):
    """Does every section with a chart carry it as SVG markup and sentences that read it?"""
    charted = [s for s in report.sections if s.svg]
    assert len(charted) >= 5
    for section in charted:
        assert section.svg.lstrip().startswith("<svg"), section.title
        assert section.summary and all(line.strip() for line in section.summary), section.title
        html = section.html()
        assert html.index("<svg") < html.index("class='summary'")  # the reading sits beside it


def test_money_is_written_with_the_course_formatter_and_kept_from_math(report, html):
    """Are dollar amounts written as the labs write them, in blocks math typesetting leaves alone?"""
    outcomes = next(s for s in report.sections if s.anchor == "outcomes-01_sourcing_models")
    assert re.search(r"\$\d{1,3}(,\d{3})+", outcomes.html())  # whole dollars with separators
    assert all("mathjax_ignore" in s.html() for s in report.sections)
    assert "\\$" not in html


def test_the_learners_to_help_are_named_with_the_reason(report):
    """Does the help section name a learner who submitted nothing, and why?"""
    help_section = next(s for s in report.sections if s.anchor == "help")
    assert "learner-07" in help_section.html()
    assert "not submitted" in help_section.html()
