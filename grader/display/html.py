"""HTML tables and the one consequence view every lab returns, rendered with Jinja2.

Every block carries the class ``mathjax_ignore``: JupyterLab typesets ``$...$`` in HTML
outputs and widgets as TeX, so a sentence with two dollar amounts would come out as italic
math.  :func:`no_math` wraps any other HTML the same way.

Autoescaping is on, so text from a scenario file or a learner can never inject markup.
Tables put the first cell of each row in a row header, which a screen reader announces
with every cell of that row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

    from grader.display.charts import FiguredChart

_TABLE = """\
<table class="{{ css_class }} mathjax_ignore"><caption>{{ caption }}</caption>
{%- if columns %}<thead><tr>{% for c in columns %}<th scope="col">{{ c }}</th>{% endfor %}</tr></thead>
{%- endif -%}
<tbody>
{%- for row in rows %}<tr><th scope="row" style="text-align:left">{{ row[0] }}</th>
{%- for cell in row[1:] %}<td{% if left %} style="text-align:left"{% endif %}>{{ cell }}</td>{% endfor %}</tr>
{%- else %}<tr><td colspan="{{ columns | length or 1 }}">{{ empty }}</td></tr>{% endfor -%}
</tbody></table>"""

_VIEW = """\
<div class="decisionlab-consequences mathjax_ignore">
{%- if table %}{{ table }}{% endif -%}
{%- if lead %}<p>{{ lead }}</p>{% endif -%}
{%- for note in notes %}<p>{{ note }}</p>{% endfor -%}
{%- for heading, items in lists %}<p>{{ heading }}</p>
<ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>
{%- endfor -%}
{%- if chart %}{{ chart }}{% endif -%}
</div>"""


NO_MATH = "mathjax_ignore"


def no_math(html: str, tag: str = "div") -> str:
    """``html`` in an element that JupyterLab's math typesetting leaves alone (dollar amounts stay text)."""
    return f"<{tag} class='{NO_MATH}'>{html}</{tag}>"


def no_math_markdown(text: str) -> str:
    r"""Markdown whose dollar signs stay dollar signs: ``$`` becomes ``\$``, which JupyterLab shows as ``$``.

    >>> print(no_math_markdown("from $20 to $30"))
    from \$20 to \$30
    """
    return text.replace("\\$", "$").replace("$", "\\$")


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def render(template: str, **values: Any) -> str:
    """``template`` (Jinja2, autoescaped) filled with ``values``; the compiled template is kept."""
    return _compiled(template).render(**values)


@cache
def _compiled(template: str) -> jinja2.Template:
    return _environment().from_string(template)


@dataclass(frozen=True)
class Table:
    """A table with a caption, column headings and rows whose first cell names the row.

    >>> print(Table("Plan", ("Queue", "Cost"), [("Returns", "1 < 2")]).html())
    ... # doctest: +NORMALIZE_WHITESPACE
    <table class="decisionlab-table mathjax_ignore"><caption>Plan</caption><thead><tr><th
    scope="col">Queue</th><th scope="col">Cost</th></tr></thead><tbody><tr><th scope="row"
    style="text-align:left">Returns</th><td>1 &lt; 2</td></tr></tbody></table>
    """

    caption: str
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    css_class: str = "decisionlab-table"
    left_aligned: bool = False  # cells of text read better aligned left; numbers stay right
    empty: str = "Nothing to show yet."

    def html(self) -> str:
        return render(
            _TABLE,
            css_class=self.css_class,
            caption=self.caption,
            columns=list(self.columns),
            rows=[[str(c) for c in row] for row in self.rows],
            left=self.left_aligned,
            empty=self.empty,
        )

    def _repr_html_(self) -> str:
        return self.html()


@dataclass(frozen=True)
class ConsequenceView:
    """What a decision does, in the lab's own numbers: every lab returns one of these.

    The session decides what a learner may see, so no lab can forget to hide a key:

    * the view itself is what anyone sees;
    * ``practice`` builds the view with what would give the key away (the best plan, the fit
      of each placement, the recovery under the right fix); the session calls it only once
      the learner has deliberately revealed the decision's expert answer in practice, so in
      assessment it is never even computed;
    * ``withheld``, when set, is said *instead* of the whole view in assessment, for a view
      whose every part follows from the key.
    """

    summary: str  # the whole view in words: screen readers, print, and `repr`
    table: Table | None = None
    chart: FiguredChart | None = None
    notes: tuple[str, ...] = ()
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (heading, items) shown as bullet lists
    lead: str = ""  # a sentence shown above the notes (the summary itself, when there is no chart)
    practice: Callable[[], ConsequenceView] | None = field(default=None, repr=False, compare=False)
    withheld: str = ""
    # The numbers behind the view (a lab's own table or plan), for tests and debriefs; never shown.
    data: Any = field(default=None, repr=False, compare=False)

    @property
    def note(self) -> str:
        """The notes as one text."""
        return " ".join(n for n in self.notes if n)

    def for_learner(self, shows_key: bool) -> ConsequenceView:
        """The view this learner may see: with its key-revealing part, or without it."""
        if shows_key:
            return self.practice() if self.practice is not None else self
        if self.withheld:
            return ConsequenceView(summary=self.withheld, lead=self.withheld)
        return replace(self, practice=None)

    def html(self, chart: bool = True) -> str:
        """The view in HTML; with ``chart=False`` all but the chart, which is then drawn apart."""
        return render(
            _VIEW,
            table=_markup(self.table.html()) if self.table is not None else "",
            lead=self.lead or ("" if self.chart is not None else self.summary),
            notes=[n for n in self.notes if n],
            lists=self.lists,
            chart=_markup(self.chart._repr_html_()) if chart and self.chart is not None else "",
        )

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return " ".join(part for part in (self.summary, *self.notes) if part)


def _markup(html: str) -> Any:
    from markupsafe import Markup

    return Markup(html)  # built by this module's own escaping templates or the chart renderer
