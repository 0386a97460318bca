"""The course gradebook, read once into plain records that the export and the report share.

``reader`` asks the database (SQLite or PostgreSQL) for every learner, lab and submission in
four queries, without nbgrader's API; ``records`` holds what it returns.
"""

from grader.gradebook.reader import read_gradebook
from grader.gradebook.records import CellScore, GradebookSnapshot, GradedLab, Lab, Learner

__all__ = ["CellScore", "GradebookSnapshot", "GradedLab", "Lab", "Learner", "read_gradebook"]
