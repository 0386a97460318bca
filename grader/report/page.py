"""The report as one HTML file that opens offline: inline CSS, inline SVG charts, no script.

Nothing in the file points off the machine: no CDN, no web font, no image by URL (a test
checks).  Money keeps its dollar signs as text: no math typesetting is loaded, and the
sections carry ``mathjax_ignore`` for viewers that would load one.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

from grader.report.sections import CohortReport

__all__ = ["report_html", "write_report"]

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1a1a1a;
       max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { font-size: 1rem; margin: 0 0 0.4rem; }
nav ol { columns: 2; padding-left: 1.2rem; }
.pair { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); gap: 1.5rem;
        align-items: start; }
.pair figure { margin: 0; overflow-x: auto; }
.pair figure svg { max-width: 100%; height: auto; }
.summary { background: #f5f7fa; border-left: 4px solid #0072B2; padding: 0.6rem 0.9rem; }
.summary p { margin: 0.3rem 0; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.5rem; vertical-align: top; }
thead th { background: #eef1f5; text-align: left; }
@media (max-width: 50rem) { .pair { grid-template-columns: 1fr; } }
@media print { .pair { grid-template-columns: 3fr 2fr; } section { break-inside: avoid-page; } }
"""


def report_html(report: CohortReport, when: datetime | None = None) -> str:
    """The whole report as one HTML document."""
    made = (when or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    contents = "".join(
        f"<li><a href='#{escape(s.anchor)}'>{escape(s.title)}</a></li>" for s in report.sections if s.anchor
    )
    body = "".join(section.html() for section in report.sections)
    title = f"Cohort debrief: {report.course}"
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>Made {escape(made)} from the course gradebook and the "
        "answers files learners submitted. Each chart has its reading beside it; docs/report.md explains "
        "every statistic.</p></header>"
        f"<nav aria-label='Contents'><ol>{contents}</ol></nav><main>{body}</main></body></html>\n"
    )


def write_report(report: CohortReport, target: Path) -> Path:
    """Write the report to ``target`` (its folder must exist); returns the path written."""
    target.write_text(report_html(report), encoding="utf-8")
    return target
