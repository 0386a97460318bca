"""Is each lab named for a learner by its title, the heading the course index shows?"""

from __future__ import annotations

import nbformat
import pytest

from grader.labs.titles import lab_title, notebook_title
from grader.paths import lab_ids, labs_dir


@pytest.mark.parametrize("lab_id", lab_ids())
def test_a_course_lab_is_titled_by_its_notebooks_heading_not_its_id(lab_id):
    """Is a course lab's title its notebook's first heading, one that does not spell out its id?"""
    notebook = labs_dir() / lab_id / f"{lab_id}.ipynb"
    heading = next(
        line[2:].strip()
        for cell in nbformat.read(notebook, as_version=4).cells
        if cell.cell_type == "markdown"
        for line in cell.source.splitlines()
        if line.startswith("# ")
    )
    assert lab_title(lab_id) == heading
    assert lab_id not in lab_title(lab_id)


def test_a_lab_the_course_does_not_ship_is_named_by_its_id():
    """Does a private pack's lab, with no notebook in the course, still get a readable name?"""
    assert lab_title("98_not_in_the_course") == "Lab 98_not_in_the_course"


def test_a_notebook_without_a_heading_has_no_title(tmp_path):
    """Is a notebook whose Markdown has only lower headings left without a title?"""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Part one\n\nText")])
    path = tmp_path / "untitled.ipynb"
    nbformat.write(notebook, path)
    assert notebook_title(path) is None
