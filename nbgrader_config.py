"""nbgrader configuration for a checkout: `nbgrader generate_assignment 01_sourcing_models`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grader.autograde import configure  # noqa: E402

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "decisionlab"
c.CourseDirectory.source_directory = "labs"  # the instructor versions live in labs/
configure(c)
