"""What a lab notebook reads of its scenario: the brief, tables, documents and named charts.

A mixin of :class:`grader.notebook.session.Lab`, kept apart because reading the scenario is a
concept of its own: it needs the open scenario (``self.scenario``), its generated tables
(``self._generated``) and the lab id, and nothing of choices or grading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from grader.catalog import scenario_folder
from grader.display.cache import BoundedCache
from grader.display.errors import LabInputError
from grader.display.html import no_math_markdown
from grader.labs import lab_code

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from grader.schema import Scenario

# A scenario's data tables as read from their files, shared by every session in the process
# (the cohort report opens one per learner), keyed by the file and its modification, so an
# edited file is read again. Generated tables are a variant's own and never kept here.
_FILES_READ: BoundedCache[pd.DataFrame] = BoundedCache(64)


class ScenarioReading:
    """The reading half of a lab session (see the module docstring)."""

    lab_id: str
    scenario: Scenario
    search: tuple[Path, ...]  # the folders scenarios are found in, first match wins
    _generated: dict[str, pd.DataFrame]

    def brief(self) -> Any:
        """The scenario's situation, as Markdown."""
        from IPython.display import Markdown

        s = self.scenario
        text = f"### {s.title}\n\n*{s.company} — you are the {s.role}.*\n\n{s.brief}"
        if s.sources:
            text += "\n\n<small>Figures are indicative ranges. Sources: " + "; ".join(s.sources) + ".</small>"
        return Markdown(no_math_markdown(text))

    def table(self, table_id: str) -> pd.DataFrame:
        """A data table of the scenario as a pandas DataFrame (a fresh copy each call)."""
        return self._tables(self.scenario.id, table_id).copy()

    def _tables(self, scenario_id: str, table_id: str) -> pd.DataFrame:
        if table_id in self._generated:
            return self._generated[table_id]
        tables = {t.id: t for t in self.scenario.tables}
        if table_id not in tables:
            raise LabInputError(
                f"no table '{table_id}' in this scenario; tables: {', '.join(tables) or 'none'}"
            )
        path = (scenario_folder(scenario_id, self.search) / tables[table_id].file).resolve()
        stat = path.stat()

        def read() -> pd.DataFrame:
            import pandas as pd

            return pd.read_csv(path)

        return _FILES_READ.get((str(path), stat.st_mtime_ns, stat.st_size), read)

    def describe_table(self, table_id: str) -> Any:
        """What each column of a table means."""
        from IPython.display import Markdown

        table = {t.id: t for t in self.scenario.tables}[table_id]
        rows = "\n".join(f"| `{c}` | {d} |" for c, d in table.columns.items())
        head = f"**{table.title}.** {table.description}\n\n"
        return Markdown(no_math_markdown(head + ("| column | meaning |\n|---|---|\n" + rows if rows else "")))

    def document(self, document_id: str) -> Any:
        """A text of the scenario (a proposal, a memo), shown as Markdown under its title."""
        from IPython.display import Markdown

        documents = {d.id: d for d in self.scenario.documents}
        if document_id not in documents:
            raise LabInputError(
                f"no document '{document_id}' in this scenario; documents: {', '.join(documents) or 'none'}"
            )
        document = documents[document_id]
        text = (scenario_folder(self.scenario.id, self.search) / document.file).read_text(encoding="utf-8")
        return Markdown(no_math_markdown(f"### {document.title}\n\n{text}"))

    def chart(self, name: str) -> Any:
        """A named chart of this lab (see the lab's folder in ``grader/labs``)."""
        available = lab_code(self.lab_id).charts
        builder = available.get(name)
        if builder is None:
            names = list(available)
            raise LabInputError(
                f"this lab has no chart named '{name}' (charts: {', '.join(names) or 'none'})"
            )
        return builder(self)
