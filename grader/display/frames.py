"""How a pandas table shows in a lab notebook: without pandas' row numbers.

A table read from a scenario (``lab.table("queues")``) has its own ``id`` column; pandas
puts its row numbers 0, 1, 2 beside it, which mean nothing to a learner and read like data.
The learner's frame keeps its index (code such as ``intervals.loc[peak]`` needs it): only
what the notebook shows changes.  An index that means something has a name (``set_index``,
``pivot`` and ``groupby`` name it after its column) or is not made of integers, and is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["frame_html", "install_plain_tables", "is_row_numbers"]


def is_row_numbers(index: pd.Index) -> bool:
    """Whether ``index`` is only pandas' row numbers: unnamed, one level, distinct whole numbers
    from 0 up (kept in any order after filtering or sorting).

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": ["billing", "returns", "claims"]})
    >>> is_row_numbers(frame.index), is_row_numbers(frame[frame.id != "returns"].index)
    (True, True)
    >>> is_row_numbers(frame.set_index("id").index), is_row_numbers(frame.rename_axis("week").index)
    (False, False)
    """
    import pandas as pd

    return (
        index.nlevels == 1
        and index.name is None
        and pd.api.types.is_integer_dtype(index.dtype)
        and index.is_unique
        and (len(index) == 0 or int(index.min()) >= 0)
    )


def frame_html(frame: pd.DataFrame) -> str | None:
    """``frame`` in HTML as pandas shows it in a notebook (same truncation, numbers and
    styling), without the row numbers when its index is nothing else."""
    from pandas import get_option

    if not is_row_numbers(frame.index) or not get_option("display.notebook_repr_html"):
        return frame._repr_html_()
    max_rows, min_rows = get_option("display.max_rows"), get_option("display.min_rows")
    # pandas shows ``min_rows`` rows of a frame longer than ``max_rows``, and all of a shorter one.
    rows = min_rows if max_rows and min_rows and len(frame) > max_rows else max_rows
    return frame.to_html(
        index=False,
        notebook=True,
        max_rows=rows,
        max_cols=get_option("display.max_columns"),
        show_dimensions=get_option("display.show_dimensions"),
        float_format=get_option("display.float_format"),
    )


def install_plain_tables() -> None:
    """In IPython, show every DataFrame with :func:`frame_html`.

    Registered by the class's module and name, so pandas is imported only when a frame is
    shown; IPython matches the name in ``DataFrame.__module__``, which pandas 3 gives as
    ``pandas`` and pandas 2 as ``pandas.core.frame``.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing is shown as HTML
        return
    shell: Any = get_ipython()
    if shell is None:
        return
    html = shell.display_formatter.formatters["text/html"]
    for module in ("pandas", "pandas.core.frame"):
        html.for_type_by_name(module, "DataFrame", frame_html)
