"""Does an export show its progress when asked, keep quiet for a few submissions, and keep its
notes short?"""

from __future__ import annotations

import io

from grader.export import ExportSummary, export_course


def test_the_bar_counts_the_graded_submissions(orientation_graded, tmp_path):
    """With the bar on, does it count each graded submission of the course?"""
    stream = io.StringIO()
    export_course(orientation_graded, tmp_path / "out", stream=stream, show_progress=True)
    assert "exporting" in stream.getvalue() and "2/2" in stream.getvalue()


def test_a_few_submissions_draw_no_bar(orientation_graded, tmp_path):
    """Left to decide, does an export of two submissions draw nothing?"""
    stream = io.StringIO()
    export_course(orientation_graded, tmp_path / "out", stream=stream)
    assert stream.getvalue() == ""


def test_many_notes_are_cut_short_with_a_count():
    """Are notes beyond the first twenty summed up in one line, and the files still listed?"""
    summary = ExportSummary(folder="/out", files=["decisions.csv"], notes=[f"note {n}" for n in range(25)])
    lines = summary.lines()
    assert lines[:2] == ["note: note 0", "note: note 1"] and "note: note 20" not in lines
    assert "note: ... and 5 more like these" in lines
    assert lines[-1] == "  decisions.csv"
