"""The ``decisionlab`` command: validate scenarios, open the course, build a demo cohort, grade,
export and report."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from grader.paths import scenario_dirs
from grader.workspace.environment import explain, put_scripts_on_path, require_package


def _validate(args: argparse.Namespace) -> int:
    from grader.authoring import check_paths

    paths = [Path(p) for p in args.paths] or [d for d in scenario_dirs() if d.exists()]
    scenarios, problems = check_paths(paths)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found; fix them and run 'decisionlab validate' again.")
        return 1
    print(f"OK: {len(scenarios)} scenario(s) valid.")
    return 0


def _schema(args: argparse.Namespace) -> int:
    if args.lab is None:
        if args.file is not None:
            print("decisionlab schema: --file needs --lab (the lab that reads the file)", file=sys.stderr)
            return 2
        from grader.schema import Scenario

        print(json.dumps(Scenario.model_json_schema(), indent=2))
        return 0
    from grader.labs import lab_code
    from grader.paths import lab_ids

    schemas = lab_code(args.lab).content_schemas
    if not schemas and args.lab not in lab_ids():
        print(f"decisionlab schema: no lab '{args.lab}' (labs: {', '.join(lab_ids())})", file=sys.stderr)
        return 2
    if args.file is None:
        print(json.dumps({name: schema() for name, schema in schemas.items()}, indent=2))
        return 0
    if args.file not in schemas:
        files = ", ".join(schemas) or "none"
        print(
            f"decisionlab schema: lab {args.lab} reads no '{args.file}' (its files: {files})", file=sys.stderr
        )
        return 2
    print(json.dumps(schemas[args.file](), indent=2))
    return 0


def _start(args: argparse.Namespace) -> int:
    from grader.workspace.learner_jupyter import learner_environment
    from grader.workspace.start import INDEX, prepare_workspace

    folder = Path(args.dir).resolve()
    print(f"Preparing your workspace in {folder} ...")
    report = prepare_workspace(folder)
    for line in report.lines():
        print(f"  {line}")
    print("Workspace ready.")
    if args.no_launch:
        return 0
    require_package("jupyterlab")
    command = jupyterlab_command(folder / INDEX, port=args.port, open_browser=not args.no_browser)
    if "--allow-root" in command:
        print("Running as root (as in many containers): JupyterLab is started with --allow-root.")
    return subprocess.call(command, env=learner_environment(folder))


def jupyterlab_command(
    index: Path, *, port: int | None = None, open_browser: bool = True, as_root: bool | None = None
) -> list[str]:
    """The command that starts JupyterLab in ``index``'s folder with ``index`` open."""
    if as_root is None:
        as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={index.parent}"]
    if port is not None:
        command.append(f"--ServerApp.port={port}")
    if not open_browser:
        command.append("--ServerApp.open_browser=False")
    if as_root:
        # JupyterLab refuses to start as root unless told to.  Containers (Docker, many cloud
        # notebooks) run as root and a learner there has no other user to switch to.
        command.append("--allow-root")
    return [*command, str(index)]


def _demo_cohort(args: argparse.Namespace) -> int:
    from grader.cohort.demo import build_demo_cohort

    root = Path(args.dir).resolve()
    cohort = build_demo_cohort(root, args.learners, labs=args.labs or None)
    print(f"Demo course ready in {root} with {len(cohort)} synthetic submissions.")
    print("Rehearse grading there:")
    print(f"  cd {root} && nbgrader autograde '*' && nbgrader export")
    print(f"or grade it in parallel: decisionlab grade {root}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from grader.grading import grade_course

    if args.jobs is not None and args.scheduler is not None:
        print(
            "decisionlab grade: --jobs sizes the local cluster; with --scheduler, its workers grade",
            file=sys.stderr,
        )
        return 2
    jobs = _whole_number(args.jobs) if args.jobs is not None else (os.cpu_count() or 1)
    if jobs is None:
        print(
            f"decisionlab grade: --jobs must be a whole number of at least 1, not {args.jobs!r}",
            file=sys.stderr,
        )
        return 2
    summary = grade_course(
        Path(args.course_dir), args.assignments, jobs=jobs, scheduler=args.scheduler, force=args.force
    )
    for line in summary.lines():
        print(line)
    return summary.exit_code


def _report(args: argparse.Namespace) -> int:
    from grader.grading.course import CourseError
    from grader.report import build_report, write_report
    from grader.report.charts import no_iri_format_checks

    target = Path(args.output)
    if not target.parent.is_dir():
        raise CourseError(f"no folder {target.parent} to write {target.name} into")
    # This process draws charts and exits: Altair's import without a second of unused checks.
    with no_iri_format_checks():
        report = build_report(Path(args.course_dir), db_url=args.db_url)
    write_report(report, target)
    print(f"Cohort report of {report.course} written to {target.resolve()} (opens offline in any browser).")
    return 0


def _whole_number(text: str) -> int | None:
    """``text`` as a whole number of at least 1, or None."""
    try:
        value = int(text)
    except ValueError:
        return None
    return value if value >= 1 else None


def _export_grades(args: argparse.Namespace) -> int:
    from grader.export import export_course

    summary = export_course(Path(args.course_dir), Path(args.output), db_url=args.db_url)
    for line in summary.lines():
        print(line)
    return 0


def _export(args: argparse.Namespace) -> int:
    from grader.answers.progress import export_progress

    workspace, target = Path(args.dir), Path(args.output)
    for note in export_progress(workspace, target):
        print(f"  note: {note}")
    print(f"Progress of {workspace.resolve()} saved to {target.resolve()}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from grader.answers.progress import restore_progress

    source = Path(args.file)
    report = restore_progress(source.read_bytes(), Path(args.dir), overwrite_newer=args.overwrite_newer)
    for line in report.lines():
        print(f"  {line}")
    return 1 if report.problems and not report.restored else 0


COURSE_DIR_HELP = "the nbgrader course folder (where nbgrader_config.py is)"


def _graded_course_arguments(parser: argparse.ArgumentParser, **output: Any) -> None:
    """The arguments of a command that reads a graded course: its folder, ``-o`` and ``--db-url``."""
    parser.add_argument("course_dir", help=COURSE_DIR_HELP)
    parser.add_argument("-o", "--output", **output)
    parser.add_argument("--db-url", help="the gradebook to read instead of the course's own db_url")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="decisionlab", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser(
        "validate", help="check scenarios, and that they fit their lab; exit 1 on any problem"
    )
    validate.add_argument("paths", nargs="*", help="scenario folders or folders of them (default: all)")
    validate.set_defaults(run=_validate)

    schema = sub.add_parser(
        "schema",
        help="print the scenario JSON Schema, or a lab's content-file schemas",
        description="Print the JSON Schema of scenario.yaml. With --lab, print instead one JSON object "
        "mapping each file that lab reads from its scenario folders (such as incident.yaml for "
        "04_kpi_diagnosis) to its JSON Schema; add --file to print that one file's schema alone.",
    )
    schema.add_argument("--lab", help="a lab id, e.g. 04_kpi_diagnosis: print its content-file schemas")
    schema.add_argument("--file", help="with --lab: print only this file's schema, e.g. incident.yaml")
    schema.set_defaults(run=_schema)

    start = sub.add_parser("start", help="create or refresh your workspace and open JupyterLab")
    start.add_argument("dir", nargs="?", default="decisionlab-course", help="workspace folder")
    start.add_argument("--no-launch", action="store_true", help="only prepare the workspace")
    start.add_argument("--port", type=_positive, help="port for JupyterLab (default: its own, 8888)")
    start.add_argument("--no-browser", action="store_true", help="start JupyterLab without opening a browser")
    start.set_defaults(run=_start)

    demo = sub.add_parser("demo-cohort", help="build an nbgrader course with synthetic submissions")
    demo.add_argument("dir", help="folder for the course")
    demo.add_argument("--learners", type=_positive, default=20, help="number of synthetic learners")
    demo.add_argument("--labs", nargs="*", help="lab ids (default: all)")
    demo.set_defaults(run=_demo_cohort)

    grade = sub.add_parser(
        "grade",
        help="autograde a course's submissions in parallel on Dask; exit 1 if some failed",
        description="Autograde every submitted notebook of an nbgrader course with nbgrader's own "
        "autograde steps (as the course's nbgrader_config.py configures them), in parallel on Dask, "
        "into the course's gradebook (SQLite or PostgreSQL through CourseDirectory.db_url). "
        "Submissions already autograded since they were handed in are skipped unless --force. "
        "A submission that fails is listed at the end and stops nothing.",
    )
    grade.add_argument("course_dir", help=COURSE_DIR_HELP)
    grade.add_argument("assignments", nargs="*", help="assignments to grade (default: every one submitted)")
    grade.add_argument("--jobs", help="worker processes of the local cluster (default: one per core)")
    grade.add_argument("--scheduler", help="address of a running Dask scheduler to grade on instead")
    grade.add_argument("--force", action="store_true", help="grade again submissions already graded")
    grade.set_defaults(run=_grade, trailing_names="assignments")

    grades = sub.add_parser(
        "export",
        help="write a graded course's results as CSV: per decision, and gradebooks for Canvas and Moodle",
        description="Read a graded course's gradebook (SQLite or PostgreSQL, the course's db_url or "
        "--db-url) and its autograded answers files, and write into DIR: decisions.csv (one row per "
        "learner, lab and decision: choice, points, max points, scenario, variant, whether the expert "
        "answer was revealed), gradebook_canvas.csv and gradebook_moodle.csv (one row per learner, one "
        "column per lab, in the layouts Canvas and Moodle import). See docs/export.md.",
    )
    _graded_course_arguments(grades, required=True, metavar="DIR", help="folder to write the files into")
    grades.set_defaults(run=_export_grades)

    report = sub.add_parser(
        "report",
        help="write the cohort debrief of a graded course as one HTML file that opens offline",
        description="Read a graded nbgrader course (its gradebook and the answers files learners "
        "submitted) and write one self-contained HTML file: scores per lab, difficulty and "
        "discrimination per decision, the most common wrong choices with the principle missed, the "
        "simulated outcomes of the class against the expert path, and learners who may need help. "
        "docs/report.md explains each statistic.",
    )
    _graded_course_arguments(report, default="report.html", help="file to write (default: report.html)")
    report.set_defaults(run=_report)

    export = sub.add_parser("export-progress", help="save every lab's choices in one progress file")
    export.add_argument("dir", nargs="?", default="decisionlab-course", help="workspace folder")
    export.add_argument("-o", "--output", default="decisionlab-progress.json", help="file to write")
    export.set_defaults(run=_export)

    restore = sub.add_parser("import-progress", help="restore choices from a progress file")
    restore.add_argument("file", help="a progress file made by export-progress or the notebook button")
    restore.add_argument("dir", nargs="?", default="decisionlab-course", help="workspace folder")
    restore.add_argument(
        "--overwrite-newer", action="store_true", help="also replace choices made after the file was saved"
    )
    restore.set_defaults(run=_import)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    # Run as pipx does, or by the script's full path, the environment is not activated: put
    # its programs (alembic, which nbgrader runs by name) first on PATH for every child too.
    put_scripts_on_path()
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    # argparse leaves names after an option (`grade COURSE --force LAB`) unclaimed; they are
    # the command's trailing names.  Anything else unknown is an error, as parse_args says.
    trailing = getattr(args, "trailing_names", None)
    if unknown and trailing is not None and not any(u.startswith("-") for u in unknown):
        setattr(args, trailing, [*getattr(args, trailing), *unknown])
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return int(args.run(args))
    except Exception as error:
        message = _one_line(error)
        if message is None:
            raise  # a bug of ours: the traceback is what a report needs
        print(f"decisionlab {args.command}: {message}", file=sys.stderr)
        return 2


def _one_line(error: Exception) -> str | None:
    """What to tell the user about ``error`` in one line, if it is theirs or their environment's."""
    explained = explain(error)
    if explained is not None:  # a missing program or package, a folder we may not write
        return explained
    # A user's mistake or a broken file: the message says what it is.  Imported here, so a
    # broken environment cannot stop this function from explaining it.
    from grader.display.errors import LabInputError
    from grader.grading.course import CourseError
    from grader.schema import ScenarioError
    from grader.workspace.generate import GenerationError

    mistakes = GenerationError | ScenarioError | LabInputError | CourseError
    return str(error) if isinstance(error, mistakes) else None


if __name__ == "__main__":
    raise SystemExit(main())
