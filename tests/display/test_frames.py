"""Are pandas tables shown to a learner without pandas' row numbers, and otherwise as pandas shows them?"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

from grader.display.frames import frame_html


@pytest.fixture
def queues() -> pd.DataFrame:
    return pd.DataFrame({"id": ["billing", "returns", "claims"], "monthly_contacts": [1200, 800, 450]})


def _row_headers(html: str) -> list[str]:
    return re.findall(r"<tr>\s*<th>([^<]*)</th>", html.split("<tbody>", 1)[1])


def test_a_scenario_table_shows_no_row_numbers(queues):
    """Is a table read from a scenario shown without the 0, 1, 2 beside its id column?"""
    html = frame_html(queues)
    assert _row_headers(html) == []
    assert "<td>billing</td>" in html and 'class="dataframe"' in html
    assert _row_headers(queues._repr_html_()) == ["0", "1", "2"]  # what pandas alone shows


def test_filtered_or_sorted_rows_show_no_row_numbers(queues):
    """Are the rows left by a filter or a sort shown without their old row numbers?"""
    assert _row_headers(frame_html(queues[queues.monthly_contacts > 500])) == []
    assert _row_headers(frame_html(queues.sort_values("monthly_contacts"))) == []


def test_a_named_index_is_kept(queues):
    """Is an index that means something (set from a column, or named) still shown?"""
    assert _row_headers(frame_html(queues.set_index("id"))) == ["billing", "returns", "claims"]
    weeks = queues.assign(week=[7, 8, 9]).set_index("week")
    assert _row_headers(frame_html(weeks)) == ["7", "8", "9"]


def test_a_long_table_is_cut_as_pandas_cuts_it():
    """Does a table longer than pandas' display limit still show only its first and last rows?"""
    long = pd.DataFrame({"calls": range(500)})
    with pd.option_context("display.max_rows", 60, "display.min_rows", 10):
        html = frame_html(long)
    assert html.count("<tr>") <= 12 and "..." in html


@pytest.fixture
def lab_kernel():
    """An IPython shell in which a lab was opened (its table display installed); restored after."""
    shell = InteractiveShell.instance()
    html = shell.display_formatter.formatters["text/html"]
    before = (dict(html.type_printers), dict(html.deferred_printers))
    shell.run_cell("from grader.display.frames import install_plain_tables; install_plain_tables()")
    yield shell
    html.type_printers, html.deferred_printers = before


def test_a_frame_shown_in_a_lab_kernel_has_no_row_numbers(lab_kernel):
    """In a lab's kernel, is a frame ending a cell shown without row numbers, its index untouched?"""
    lab_kernel.run_cell("import pandas as pd\nframe = pd.DataFrame({'id': ['billing', 'returns']})")
    formatted, _ = lab_kernel.display_formatter.format(lab_kernel.user_ns["frame"])
    assert "<td>billing</td>" in formatted["text/html"]
    assert _row_headers(formatted["text/html"]) == []
    assert list(lab_kernel.user_ns["frame"].index) == [0, 1]
