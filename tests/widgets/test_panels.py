"""Does a decision panel redraw its feedback and consequence view on each change, in a kernel?

Run on the fixture lab ``99_fixture`` (its all-kinds scenario), in an IPython shell, as a
kernel has one: the panel then sets each output area's display data directly.
"""

from __future__ import annotations

import pytest

from grader.notebook import open_lab

LAB = "99_fixture"
pytestmark = pytest.mark.usefixtures("all_kinds_practice")


@pytest.fixture
def place_panel_in_a_shell(tmp_path):
    """The assign decision's panel of a practice lab, drawn where an IPython shell runs."""
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()
    lab = open_lab(LAB, tmp_path)
    return lab.decide("place")


def _html(area) -> str:
    return "".join(output["data"].get("text/html", "") for output in area.outputs)


def test_a_change_redraws_feedback_and_consequences(place_panel_in_a_shell):
    """After one menu changes, do the feedback and the consequence view show the new choice?"""
    panel = place_panel_in_a_shell
    assert panel.feedback_area.outputs == () and "0 queues placed" in _html(panel.consequence_area)
    panel.children[1].children[0].value = "far"
    assert "partly right" in _html(panel.feedback_area)
    assert "1 queues placed" in _html(panel.consequence_area)
    assert len(panel.consequence_area.outputs) == 1  # replaced, not appended


def test_the_reveal_button_is_not_redrawn_on_every_change(place_panel_in_a_shell):
    """Is the reveal button offered once a choice is made, and the same button after more changes?"""
    panel = place_panel_in_a_shell
    menus = panel.children[1].children
    assert panel.reveal_area.children == ()
    menus[0].value = "far"
    button = panel.reveal_area.children[0]
    menus[1].value = "near"
    assert panel.reveal_area.children == (button,)
