"""Does the report's quick Altair import leave out only checks that no chart asks for?"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

_IMPORT_IN_BLOCK = """
import sys
from grader.report.charts import no_iri_format_checks, prepare
with no_iri_format_checks():
    prepare()
import jsonschema
import rfc3987_syntax  # the installed package, once the block is left
print(sys.modules["rfc3987_syntax"] is not None, "iri" in jsonschema.FormatChecker.checkers)
"""


@pytest.mark.skipif(find_spec("rfc3987_syntax") is None, reason="rfc3987_syntax is not installed here")
def test_the_iri_grammars_are_not_compiled_inside_the_block():
    """Inside the block, does jsonschema load without the iri checks, and can the package load after it?"""
    run = subprocess.run([sys.executable, "-c", _IMPORT_IN_BLOCK], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["True", "False"]


def test_a_process_that_loaded_jsonschema_keeps_every_check():
    """Where jsonschema is loaded before the block, does it keep the checks it has?"""
    import jsonschema

    from grader.report.charts import no_iri_format_checks

    before = set(jsonschema.FormatChecker.checkers)
    with no_iri_format_checks():
        import altair  # noqa: F401
    assert set(jsonschema.FormatChecker.checkers) == before
    assert sys.modules.get("rfc3987_syntax", "absent") is not None


def test_vega_lite_asks_for_no_format_the_block_leaves_out():
    """Does the Vega-Lite schema that Altair checks charts against name no iri format?"""
    import altair

    schemas = sorted(Path(altair.__file__).parent.glob("vegalite/v*/schema/vega-lite-schema.json"))
    assert schemas, "Altair ships the Vega-Lite schema it validates against"
    for schema in schemas:
        formats = set(re.findall(r'"format":\s*"([\w-]+)"', schema.read_text(encoding="utf-8")))
        assert formats, "the schema names formats: the pattern must find them"
        assert not formats & {"iri", "iri-reference"}, schema
