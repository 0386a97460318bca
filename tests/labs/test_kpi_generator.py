"""Does lab 04's generator plant one readable incident per variant, with keys that follow it?"""

from __future__ import annotations

import re
import string
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from grader.authoring import check_paths
from grader.catalog import variant_seed
from grader.engine import score
from grader.engine.keys import perfect_answer
from grader.labs import realise
from grader.schema import load_scenario
from tests.labs import lab_parts
from tests.labs.kpi_variants import (
    SHARES_LAB04_VARIANTS,
    KpiReading,
    kpi_incident,
    kpi_reading,
    kpi_template,
    kpi_variant,
)

# A sweep: handed out early, beside the other sweeps of the same variants (tests/conftest.py).
pytestmark = [pytest.mark.long, SHARES_LAB04_VARIANTS]

_lab = lab_parts("04_kpi_diagnosis")
CAUSES, ERROR_TYPES, content_for = _lab.CAUSES, _lab.ERROR_TYPES, _lab.content_for

LAB = "04_kpi_diagnosis"
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TEMPLATES = ["kpi-homegoods", "kpi-broadband"]
SEEDS = range(1, 201)


@pytest.fixture(scope="module", params=TEMPLATES)
def template(request):
    return kpi_template(request.param)


@pytest.fixture(scope="module")
def variants(template):
    """Variants 1-200 of the template, for the tests that read many of them."""
    return {seed: kpi_variant(template.id, seed) for seed in SEEDS}


@pytest.fixture(scope="module")
def readings(template, variants) -> dict[int, KpiReading]:
    """Each variant's reading, for the many tests that hold keys and texts against it."""
    return {seed: kpi_reading(template.id, seed) for seed in variants}


def _key(scenario) -> tuple[str, float]:
    cause = next(o.id for o in scenario.decision("root_cause").options if o.credit == 1.0)
    return cause, scenario.decision("start_week").answer


# --- what a learner could see in the tables alone -----------------------------------------


def _jump(values: pd.Series) -> float:
    """The largest ratio of a four-week mean to the four weeks before it."""
    v = values.to_numpy(dtype=float)
    return max(v[i : i + 4].mean() / v[i - 4 : i].mean() for i in range(4, len(v) - 3))


def _diagnose(weekly: pd.DataFrame, planned: dict[str, int]) -> list[tuple[str, str]]:
    """(cause, queue) for every queue that shows a fingerprint, by rules read off the tables and
    each queue's planned headcount.  Every queue runs small classes to replace its leavers, so a
    training gap is a class that takes the queue above its planned size, not any class."""
    found = []
    for queue, rows in weekly.groupby("queue"):
        rows = rows.set_index("week")
        plain = rows[rows["calendar"] == ""]
        overdue = rows["escalations_overdue"] / rows["escalations"].clip(lower=1)
        recent = plain.loc[17:]
        if (rows["leavers"] + rows["leavers"].shift(-1, fill_value=0)).max() >= 4:
            found.append(("attrition_spike", queue))
        elif rows["in_training"].max() > 0 and rows["headcount"].loc[17:].min() >= planned[queue] + 2:
            found.append(("training_gap", queue))
        elif overdue.loc[17:].mean() - overdue.loc[4:7].mean() > 0.15:
            found.append(("escalation_workflow", queue))
        elif _jump(plain["calls_offered"]) > 1.15:
            found.append(("policy_change", queue))
        elif (recent["scheduled_agents"] / recent["required_agents"]).mean() < 0.9:
            found.append(("staffing_shortfall", queue))
    return found


def _first_break(weekly: pd.DataFrame, cause: str, queue: str, planned: int) -> int | None:
    """The first week of a run where the cause's own signal is on (calendar weeks may interrupt it).

    Headcount is read against the queue's planned size: everyday leavers and the classes that
    replace them move it a little in any week.
    """
    rows = weekly[weekly["queue"] == queue].set_index("week")
    usual = rows[rows["calendar"] == ""].loc[4:7]
    overdue = rows["escalations_overdue"] / rows["escalations"].clip(lower=1)
    wave = rows.index[rows["leavers"] >= 3]  # everyday leavers are two a week at most
    signal = {
        "attrition_spike": (rows["headcount"] < planned - 2)
        & (rows.index >= (wave.min() if len(wave) else 99)),
        "training_gap": rows["headcount"] >= planned + 2,
        "escalation_workflow": overdue > (usual["escalations_overdue"] / usual["escalations"]).mean() + 0.12,
        "policy_change": (rows["calls_offered"] > 1.1 * usual["calls_offered"].mean())
        & (rows["calendar"] != "sale"),
        "staffing_shortfall": rows["scheduled_agents"] < 0.92 * rows["required_agents"],
    }[cause]
    on = [w for w in rows.index[signal] if w >= 5]
    last = rows.index.max()
    for week in on:
        if all(w in on or w > last or rows["calendar"].get(w, "") != "" for w in (week + 1, week + 2)):
            return int(week)
    return None


# --- the tests ----------------------------------------------------------------------------------


def test_scenarios_validate():
    """Do both generated scenarios pass the validator, which builds variants of several seeds?"""
    scenarios, problems = check_paths([SCENARIOS / t for t in TEMPLATES])
    assert not problems, [str(p) for p in problems]
    assert len(scenarios) == 2
    shapes = {tuple((d.id, d.kind, d.points) for d in s.decisions) for s in scenarios}
    assert len(shapes) == 1, "scenarios of one lab must declare the same decisions"


def test_keys_differ_between_variants(variants):
    """Over 200 seeds, do all five causes and every start week appear as keys?"""
    keys = [_key(v.scenario) for v in variants.values()]
    causes = Counter(cause for cause, _ in keys)
    assert set(causes) == set(CAUSES)
    assert min(causes.values()) >= 20, causes
    assert {week for _, week in keys} == set(range(_lab.FIRST_START, _lab.LAST_START + 1))
    assert len(set(keys)) >= 30, "cause x start week should give most of its 35 keys"


def test_two_learners_get_different_variants(template):
    """Do two learner ids get different seeds, and with them different data and, here, different keys?"""
    ada, grace = variant_seed(LAB, "ada"), variant_seed(LAB, "grace")
    assert ada != grace
    first, second = realise(template, ada), realise(template, grace)
    assert not first.tables["weekly"].equals(second.tables["weekly"])
    assert _key(first.scenario) != _key(second.scenario)


def test_same_seed_same_variant(template):
    """Is a variant rebuilt identically from its seed, tables and keys, from a freshly loaded template?"""
    again = load_scenario(SCENARIOS / template.id)
    first, second = realise(template, 4242), realise(again, 4242)
    assert first.scenario.model_dump() == second.scenario.model_dump()
    for table in first.tables:
        pd.testing.assert_frame_equal(first.tables[table], second.tables[table])


def test_each_variant_key_scores_full_marks_and_another_does_not(template, variants):
    """Does a variant's perfect answer earn full marks, and another cause's perfect answer under half?"""
    by_cause = {}
    for variant in variants.values():
        scenario = variant.scenario
        by_cause.setdefault(_key(scenario)[0], scenario)
        if len(by_cause) == len(CAUSES):
            break
    for cause, scenario in by_cause.items():
        own = {d.id: perfect_answer(d) for d in scenario.decisions}
        assert score(scenario, own).points == template.max_points
        for other_cause, other in by_cause.items():
            if other_cause != cause:
                borrowed = {d.id: perfect_answer(d) for d in other.decisions}
                assert score(scenario, borrowed).points < template.max_points / 2, (cause, other_cause)


def test_the_cause_can_be_read_from_the_tables(template, variants):
    """Do simple rules on the tables alone name the planted cause and queue, and nothing else?"""
    planned = {q.id: q.headcount for q in content_for(template).queues}
    right = 0
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        if _diagnose(variant.tables["weekly"], planned) == [(incident.cause, incident.queue)]:
            right += 1
    assert right >= 194, f"{right} of {len(variants)}"


def test_the_start_week_is_where_the_break_shows(template, variants):
    """Does the planted cause's own signal switch on within a week of the keyed start week?"""
    planned = {q.id: q.headcount for q in content_for(template).queues}
    close = 0
    for seed, variant in variants.items():
        cause, start = _key(variant.scenario)
        queue = kpi_incident(template.id, seed).queue
        found = _first_break(variant.tables["weekly"], cause, queue, planned[queue])
        close += found is not None and abs(found - start) <= 1
    assert close >= 190, f"{close} of {len(variants)}"


def test_tables_agree_with_each_other(template):
    """Do the weekly QA counts come from the reviews, and the interval week from its half-hours?"""
    for seed in (3, 77, 1_000_003, 12, 13):
        tables = realise(template, seed).tables
        weekly, reviews, intervals = tables["weekly"], tables["reviews"], tables["intervals"]
        counted = reviews.groupby(["week", "queue"]).error_type.value_counts().unstack(fill_value=0)
        merged = weekly.set_index(["week", "queue"])
        for error in ERROR_TYPES:
            assert (counted[error].reindex(merged.index, fill_value=0) == merged[f"errors_{error}"]).all()
        assert (reviews.groupby(["week", "queue"]).size().reindex(merged.index) == merged["qa_reviews"]).all()
        queue = intervals["queue"].iloc[0]
        last = merged.loc[(weekly["week"].max(), queue)]
        assert last["calls_offered"] == intervals["calls_offered"].sum()
        assert last["calls_answered"] == intervals["calls_offered"].sum() - intervals["abandoned"].sum()
        # The provider's report counts its way: the keyed report_check definition.
        way = next(
            o.id for o in realise(template, seed).scenario.decision("report_check").options if o.credit
        )
        quick, offered = intervals["answered_in_20s"].sum(), intervals["calls_offered"].sum()
        left_out = {
            "all_offered": 0,
            "short_abandons_out": intervals["abandoned_within_10s"].sum(),
            "answered_only": intervals["abandoned"].sum(),
        }[way]
        assert abs(last["service_level"] - quick / (offered - left_out)) < 0.0006
        assert (intervals["abandoned_within_10s"] <= intervals["abandoned"]).all()
        parts = intervals[["answered_in_20s", "answered_after_20s", "abandoned"]].sum(axis=1)
        assert (parts == intervals["calls_offered"]).all() and (
            intervals[["answered_after_20s"]] >= 0
        ).all().all()
        assert (weekly["calls_answered"] <= weekly["calls_offered"]).all()
        assert len(intervals) == 7 * 24


def test_tables_have_the_columns_the_scenario_describes(template):
    """Does every generated table carry exactly the columns its scenario entry explains to the learner?"""
    tables = realise(template, 11).tables
    for table in template.tables:
        assert table.file is None
        assert list(tables[table.id].columns) == list(table.columns), table.id


def test_red_herrings_are_planted_away_from_the_incident(template, variants):
    """Are the sale, the holiday and the CSAT dip in every variant, clear of the weeks around the start?"""
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        weekly = variant.tables["weekly"]
        calendar = weekly.drop_duplicates("week").set_index("week")["calendar"]
        assert calendar[calendar == "sale"].index.tolist() == [incident.sale_week]
        assert calendar[calendar == "public holiday"].index.tolist() == [incident.holiday_week]
        # The calendar may fall next to the start, never on it or on the week after it.
        assert not {incident.start_week, incident.start_week + 1} & {
            incident.sale_week,
            incident.holiday_week,
        }
        csat = weekly[weekly["queue"] == incident.dip_queue].set_index("week")["csat"]
        neighbours = (csat[incident.dip_week - 1] + csat[incident.dip_week + 1]) / 2
        assert csat[incident.dip_week] < neighbours - 0.04, seed
        assert incident.dip_week < incident.start_week - 1


def test_a_policy_or_escalation_lands_where_the_content_has_one(template):
    """Does a policy change hit only queues with a rule, and a broken path only queues that escalate?"""
    content = content_for(template)
    for seed in SEEDS:
        incident = kpi_incident(template.id, seed)
        queue = content.queue(incident.queue)
        if incident.cause == "policy_change":
            assert queue.policy
        if incident.cause == "escalation_workflow":
            assert queue.escalation_path


def test_brief_and_feedback_carry_the_variants_facts(template):
    """Is the brief filled in, and does the feedback name the variant's queue and start week?"""
    for seed in (5, 6, 7):
        variant = realise(template, seed)
        incident = kpi_incident(template.id, seed)
        brief = " ".join(variant.scenario.brief.lower().split())
        assert not re.search(r"[{}]", brief)
        assert f"week {incident.sale_week}" in brief and f"week {incident.holiday_week}" in brief
        label = content_for(template).queue(incident.queue).label
        right = next(o for o in variant.scenario.decision("root_cause").options if o.credit == 1.0)
        assert label in right.feedback
        assert f"week {incident.start_week}" in variant.scenario.decision("start_week").feedback
        texts = [o.feedback for d in variant.scenario.decisions for o in getattr(d, "options", [])]
        assert not any(re.search(r"[{}]|\bnan\b", t) for t in texts)


def test_attrition_credits_a_training_diagnosis_little_and_nesting_only_where_errors_show(variants):
    """After an attrition spike, does a training-gap diagnosis earn the same little credit as the reverse
    confusion, whatever the reviews show, and nesting credit only where new-agent errors show?

    The leavers came before the class, which refutes a training gap; noticing the class is worth
    as little one way round as the other.
    """
    earned = unearned = 0
    for seed, variant in variants.items():
        scenario = variant.scenario
        if _key(scenario)[0] != "attrition_spike":
            continue
        shows = "new_hire_errors" in _evidence_key(scenario)
        credit = {o.id: o.credit for o in scenario.decision("root_cause").options}
        fix = {o.id: o.credit for o in scenario.decision("fix").options}
        assert credit["training_gap"] == 0.25, (seed, shows)
        assert fix["retrain_nesting"] == (0.5 if shows else 0.0), (seed, shows)
        assert credit["staffing_shortfall"] == 0.25 and credit["policy_change"] == 0
        assert fix["retention_plan"] == 1 and fix["csat_campaign"] == 0
        if not shows:
            nesting = next(o for o in scenario.decision("fix").options if o.id == "retrain_nesting")
            assert nesting.feedback.startswith("Not this time."), seed
        earned += shows
        unearned += not shows
    assert earned >= 10 and unearned >= 10, (earned, unearned)


# --- the evidence follows the data, not the cause alone ---------------------------------------

FINGERPRINTS = {
    "training_gap": {"new_hire_errors", "class_without_leavers"},
    "attrition_spike": {"leavers_then_class", "headcount_short", "new_hire_errors", "quality_held"},
    "escalation_workflow": {"escalations_stuck", "fcr_down_aht_flat", "volume_unplanned"},
    "policy_change": {"policy_errors_everyone", "volume_unplanned"},
    "staffing_shortfall": {"schedule_short", "quality_held"},
}
NEVER_KEYED = {"waits_rose", "aht_rose", "complaints_rose", "csat_dip", "launch_aht"}


def _evidence_key(scenario) -> set[str]:
    return {o.id for o in scenario.decision("evidence").options if o.correct}


def _new_agent_knowledge(reviews: pd.DataFrame, queue: str, first: int, last: int) -> tuple[float, int]:
    rows = reviews[(reviews["queue"] == queue) & (reviews["tenure"] == "0-3 months")]
    rows = rows[rows["week"].between(first, last)]
    return float((rows["error_type"] == "knowledge").mean()) if len(rows) else 0.0, len(rows)


def test_evidence_keys_only_the_causes_own_signs(template, variants):
    """Is every keyed statement part of the planted cause's fingerprint, and a shared symptom never keyed?"""
    for seed, variant in variants.items():
        cause, _ = _key(variant.scenario)
        key = _evidence_key(variant.scenario)
        assert key and key <= FINGERPRINTS[cause], (seed, cause, key)
        assert not key & NEVER_KEYED


def test_each_cause_always_leaves_its_first_sign(template, readings):
    """Do every variant's tables show the first statement of its cause's fingerprint (no fallback key)?"""
    content = content_for(template)
    for seed, reading in readings.items():
        incident, shown = reading.incident, reading.shown
        assert shown[content.causes[incident.cause].evidence[0]], (seed, incident.cause)


def test_new_hire_errors_are_keyed_only_where_the_reviews_show_them(template, variants):
    """Is 'knowledge errors rose among new agents' keyed exactly when the reviews show a clear rise?"""
    keyed = unkeyed = 0
    for seed, variant in variants.items():
        cause, start = _key(variant.scenario)
        if cause not in ("training_gap", "attrition_spike"):
            continue
        incident = kpi_incident(template.id, seed)
        reviews = variant.tables["reviews"]
        before, _ = _new_agent_knowledge(reviews, incident.queue, 4, int(start) - 1)
        after, count = _new_agent_knowledge(reviews, incident.queue, min(incident.go_live_week + 1, 20), 20)
        weeks = 20 - min(incident.go_live_week + 1, 20) + 1
        clear = weeks >= 3 and count >= 20 and after - before >= 0.08 and after >= 1.5 * before
        assert ("new_hire_errors" in _evidence_key(variant.scenario)) == clear, (seed, before, after, count)
        keyed += clear
        unkeyed += not clear
    assert keyed >= 40 and unkeyed >= 5, (keyed, unkeyed)


#: The weeks each wording of the new agents' contact count names, by the week the class went live
#: (the break's, with no class): the texts name them without a week number.
COUNTED_WEEKS = {
    "from the week after the break to the last week of the data": lambda live: range(live + 1, 21),
    "from the class's second week on the phones to the last week of the data": lambda live: range(
        live + 1, 21
    ),
    "in the last week of the data alone": lambda live: range(20, 21),
}


def test_the_new_agents_contact_count_names_the_weeks_it_counts(template, variants, readings):
    """Does the count of new agents' scored contacts the feedback quotes name the weeks it counts, and
    say that it leaves out the week the class went live, so that adding up the reviews table over
    those weeks gives the same number?"""
    seen = Counter()
    for seed, variant in variants.items():
        incident, span = readings[seed].incident, readings[seed].numbers["kn_span"]
        wording = next((w for w in COUNTED_WEEKS if span.startswith(w)), None)
        assert wording is not None, (seed, span)
        live = incident.go_live_week or incident.start_week
        # A class live in the last week has no later week: that week is the one counted.
        assert span.endswith("is not counted)") == (live < 20), (seed, span)
        reviews = variant.tables["reviews"]
        counted = reviews[
            (reviews["queue"] == incident.queue)
            & (reviews["tenure"] == "0-3 months")
            & reviews["week"].isin(list(COUNTED_WEEKS[wording](live)))
        ]
        assert re.search(rf"\({len(counted)} scored contacts;", span), (seed, span, len(counted))
        seen[wording] += 1
    assert len(seen) == len(COUNTED_WEEKS), seen


def test_new_agents_errors_never_rise_arguably(template, variants):
    """Where a class takes calls, is the new agents' knowledge-error rise plainly there or plainly not?

    A director could argue a rise of a few points either way, and a wrong tick costs a point;
    a training gap leaves a clear rise unless its variant's new agents are slow but right.
    """
    for seed, variant in variants.items():
        cause, start = _key(variant.scenario)
        if cause not in ("training_gap", "attrition_spike"):
            continue
        incident = kpi_incident(template.id, seed)
        reviews = variant.tables["reviews"]
        first = min(incident.go_live_week + 1, 20)
        before, _ = _new_agent_knowledge(reviews, incident.queue, 4, int(start) - 1)
        after, count = _new_agent_knowledge(reviews, incident.queue, first, 20)
        points, weeks = after - before, 20 - first + 1
        flat = weeks < 3 or points < 0.04 or after < 1.2 * before
        clear = weeks >= 3 and count >= 20 and points >= 0.08 and after >= 1.5 * before
        assert flat or clear, (seed, cause, before, after, count)
        if cause == "training_gap":
            assert clear == incident.leaves("new_hire_errors"), (seed, before, after, count)


def test_a_training_gap_is_keyed_on_new_agents_errors_only_where_they_made_them(template, variants):
    """Is a training gap always keyed on its class without leavers, and on its new agents' errors just
    in the variants whose new agents made them?"""
    seen = Counter()
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        if incident.cause != "training_gap":
            continue
        key = _evidence_key(variant.scenario)
        assert "class_without_leavers" in key, seed
        assert ("new_hire_errors" in key) == incident.leaves("new_hire_errors"), (seed, key)
        seen[incident.leaves("new_hire_errors")] += 1
    assert min(seen.values()) >= 5, seen


def test_no_variant_states_a_sign_its_evidence_key_denies(template, variants, readings):
    """Does the debrief tell a cause's conditional sign just where it is keyed, and the root-cause
    feedback (shown in practice before the evidence is answered) never?"""
    content = content_for(template)
    told = untold = 0
    for seed, variant in variants.items():
        incident, values = readings[seed].incident, readings[seed].values
        scenario = variant.scenario
        key = _evidence_key(scenario)
        right = next(o for o in scenario.decision("root_cause").options if o.credit == 1.0).feedback
        texts = (" ".join(right.split()), " ".join(scenario.debrief.expert_path.split()))
        for option, sign in content.causes[incident.cause].signs.items():
            sentence = " ".join(sign.format(**values).split())
            assert sentence not in texts[0], (seed, option)
            assert (sentence in texts[1]) == (option in key), (seed, option, key)
            told += option in key
            untold += option not in key
        if "new_hire_errors" not in key:
            assert not any("Knowledge errors among agents under 3 months" in t for t in texts), seed
    assert told >= 20 and untold >= 5, (told, untold)


def test_every_cause_keys_evidence_that_follows_its_variants_data(variants, readings):
    """For every cause, does the evidence key take at least two different sets over the seeds, so it
    cannot be looked up from the cause, and is each keyed statement true in that variant's tables by
    the evidence rules?"""
    keys: dict[str, set[frozenset[str]]] = {}
    for seed, variant in variants.items():
        incident, shown = readings[seed].incident, readings[seed].shown
        key = _evidence_key(variant.scenario)
        assert all(shown[statement] for statement in key), (seed, incident.cause, key)
        keys.setdefault(incident.cause, set()).add(frozenset(key))
    assert set(keys) == set(CAUSES), keys
    assert all(len(sets) >= 2 for sets in keys.values()), keys


def test_an_attrition_spike_keys_quality_held_wherever_it_is_true(variants, readings):
    """After an attrition spike, is 'abandonment rose while QA and FCR held' keyed in every variant whose
    tables bear it out, as the course's own text on a short schedule says (service breaks before
    quality does), and never penalised there?"""
    seen = Counter()
    for seed, variant in variants.items():
        incident, shown = readings[seed].incident, readings[seed].shown
        if incident.cause != "attrition_spike":
            continue
        assert ("quality_held" in _evidence_key(variant.scenario)) == shown["quality_held"], seed
        seen[shown["quality_held"]] += 1
    assert seen[True] >= 10, seen


def test_every_staffing_shortfall_shows_its_short_schedule(template, variants):
    """Does every staffing shortfall key 'scheduled agents fell below required while calls and headcount
    stayed level', as its cause text says calls, headcount and leavers stayed level?"""
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        if incident.cause == "staffing_shortfall":
            assert "schedule_short" in _evidence_key(variant.scenario), seed


def test_complaints_are_nowhere_called_a_fingerprint(template, variants):
    """Do the prompt and the debrief call complaints a symptom several causes leave (the prompt by
    its rule, naming no example, so it points at no option), and does no cause's fingerprint text
    (what it would show, what was found, the start, the fix) rest on them, as complaints are never
    keyed?"""
    content = content_for(template)
    prompt = " ".join(template.decision("evidence").prompt.split())
    assert "several causes leave alike" in prompt and "complaints" not in prompt, prompt
    for cause in content.causes.values():
        for text in (cause.would_show, cause.found, cause.start_note, cause.fix_why):
            assert "complaint" not in text.lower(), (cause.name, text)
    for seed, variant in variants.items():
        path = " ".join(variant.scenario.debrief.expert_path.split())
        assert "prove nothing" not in path and "complaints rise with several causes" in path, seed


def test_practice_root_cause_feedback_tells_nothing_of_the_optional_signs(template, readings):
    """Whatever the optional signs of the planted cause that a variant's data show, is every root-cause
    option's credit and feedback the same? Practice shows it before the evidence is answered."""
    content = content_for(template)
    for seed in list(readings)[:60]:
        incident, shown, values = readings[seed].incident, readings[seed].shown, readings[seed].values
        seen = set()
        for sign in content.causes[incident.cause].evidence[1:]:
            for present in (True, False):
                decisions = _lab.keyed_decisions(
                    template, content, incident, {**shown, sign: present}, values
                )
                root = next(d for d in decisions if d.id == "root_cause")
                seen.add(tuple((o.id, o.credit, o.feedback) for o in root.options))
        assert len(seen) == 1, (seed, incident.cause)


def test_the_brief_names_no_season_its_weeks_may_miss(template, variants):
    """Does the brief name the sale without a season, which the sale's week could contradict?"""
    for seed, variant in variants.items():
        brief = variant.scenario.brief.lower()
        assert not re.search(r"\b(spring|summer|autumn|fall|winter|christmas) sale", brief), seed


def test_repeat_contacts_sit_inside_the_cited_contacts_per_resolution(variants):
    """Over the queue-weeks after the launch, do repeat contacts give 1.2-1.5 contacts per resolution
    at the median (SQM Group: 1.5 at 67 % FCR, 1.2 at 80 % or more)?"""
    shares = []
    for variant in variants.values():
        weekly = variant.tables["weekly"]
        rows = weekly[(weekly["week"] >= 4) & (weekly["calendar"] == "")]
        shares += list(rows["repeat_contacts"] / rows["calls_answered"])
    per_resolution = 1 / (1 - float(pd.Series(shares).median()))
    assert 1.2 <= per_resolution <= 1.5, per_resolution


def _plain_rows(weekly: pd.DataFrame, incident) -> pd.DataFrame:
    """The hit queue's weeks the evidence rules read: no calendar week, not the week after the sale."""
    rows = weekly[(weekly["queue"] == incident.queue) & (weekly["calendar"] == "")]
    return rows[rows["week"] != incident.sale_week + 1].set_index("week")


def _change(variant, incident, column: str) -> float:
    """How far ``column`` moved on the hit queue's plain weeks: the mean from the week after the
    start on, less the mean of the settled weeks before it (week 4 to the week before the start)."""
    rows = _plain_rows(variant.tables["weekly"], incident)
    before = rows.loc[4 : incident.start_week - 1, column].mean()
    return float(rows.loc[incident.start_week + 1 :, column].mean() - before)


def test_an_escalation_break_leaves_fcr_plainly_fallen_or_plainly_held(template, variants):
    """In a broken escalation path, does FCR fall by 6 points or more where customers call back, and by
    2 or less where they wait, with 'FCR fell while AHT held' keyed just in the first case?"""
    seen = Counter()
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        if incident.cause != "escalation_workflow":
            continue
        fcr = _change(variant, incident, "fcr")
        fell = incident.leaves("fcr_down_aht_flat")
        assert (fcr <= -0.06) if fell else (fcr >= -0.02), (seed, fell, fcr)
        assert ("fcr_down_aht_flat" in _evidence_key(variant.scenario)) == fell, seed
        assert "escalations_stuck" in _evidence_key(variant.scenario), seed
        seen[fell] += 1
    assert min(seen.values()) >= 5, seen


def test_true_statements_that_prove_nothing_are_offered(variants):
    """In most variants, is at least one statement true in the data yet not keyed (a shared symptom)?"""
    tempting = 0
    for variant in variants.values():
        notes = {o.id: o.feedback for o in variant.scenario.decision("evidence").options}
        shared = [i for i in ("waits_rose", "aht_rose") if notes[i].startswith("True in your data")]
        tempting += bool(shared)
    assert tempting >= 0.8 * len(variants), tempting


def test_each_evidence_option_has_its_own_feedback_with_the_variants_numbers(template):
    """Does every evidence option get a text of its own, with numbers read off the learner's tables?"""
    for seed in (2, 3, 4):
        options = realise(template, seed).scenario.decision("evidence").options
        texts = [o.feedback for o in options]
        assert len(set(texts)) == len(texts)
        assert all(re.search(r"\d", t) for t in texts)


def test_no_variant_tells_its_key_by_length(variants):
    """In every variant, are the keyed evidence and the full-credit fix free of the 'longest wins' tell?"""
    for seed, variant in variants.items():
        evidence = variant.scenario.decision("evidence").options
        right = [len(o.label) for o in evidence if o.correct]
        wrong = [len(o.label) for o in evidence if not o.correct]
        assert min(right) <= max(wrong) and sum(right) / len(right) <= 1.3 * sum(wrong) / len(wrong), seed
        fix = variant.scenario.decision("fix").options
        best = next(o for o in fix if o.credit == 1.0)
        assert len(best.label) <= max(len(o.label) for o in fix if o is not best), (seed, best.id)


# --- the provider's report -----------------------------------------------------------------------


def test_the_report_definition_can_be_read_off_the_intervals(template, variants):
    """Does exactly one way of counting give the provider's figure, is it the key, and does each way occur?"""
    seen = Counter()
    for seed, variant in variants.items():
        weekly, intervals = variant.tables["weekly"], variant.tables["intervals"]
        queue = intervals["queue"].iloc[0]
        report = float(weekly[(weekly["queue"] == queue) & (weekly["week"] == 20)]["service_level"].iloc[0])
        quick, offered = intervals["answered_in_20s"].sum(), intervals["calls_offered"].sum()
        ways = {
            "all_offered": quick / offered,
            "short_abandons_out": quick / (offered - intervals["abandoned_within_10s"].sum()),
            "answered_only": quick / (offered - intervals["abandoned"].sum()),
        }
        matching = [w for w, value in ways.items() if abs(value - report) < 0.0006]
        assert len(matching) == 1, (seed, ways, report)
        assert all(abs(v - report) > 0.003 for w, v in ways.items() if w not in matching), (seed, ways)
        key = next(o.id for o in variant.scenario.decision("report_check").options if o.credit == 1.0)
        assert key == matching[0]
        seen[key] += 1
    assert min(seen.values()) >= 40 and len(seen) == 3, seen


# --- weeks that look like a real centre's -------------------------------------------------------


def test_service_runs_near_target_before_anything_breaks(variants):
    """Before the incident, is service level on every offered call near the 80 % target, not far above it?"""
    levels = []
    for variant in variants.values():
        weekly = variant.tables["weekly"]
        plain = weekly[weekly["week"].between(4, 7) & (weekly["calendar"] == "")]
        answered = plain["asa_seconds"]
        assert (answered < 40).all()
        levels.append(float(plain["abandon_rate"].median()))
    assert 0.03 <= sorted(levels)[len(levels) // 2] <= 0.08  # the 5-8 % of the reference, about


def test_each_agent_is_paid_about_a_forty_hour_week(template, variants):
    """Do the agents scheduled over the hours the queues are open come to about 40 paid hours a week
    for each agent on a queue (breaks, absence and coaching included, as the schedule counts them),
    and stay inside a 48-hour legal week in all but a rare week, on every queue the incident left
    alone in weeks with no sale or holiday?"""
    paid = []
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        # The intervals table holds one row per open half-hour of a week.
        open_hours = len(variant.tables["intervals"]) / 2
        weekly = variant.tables["weekly"]
        plain = weekly[
            (weekly["calendar"] == "") & (weekly["week"] >= 4) & (weekly["queue"] != incident.queue)
        ]
        paid.append(plain.assign(paid=plain["scheduled_agents"] * open_hours / plain["headcount"]))
    hours = pd.concat(paid)
    assert 38 <= hours["paid"].median() <= 42, hours["paid"].describe()
    by_queue = hours.groupby("queue")["paid"].median()
    assert by_queue.between(37, 43).all(), by_queue
    assert hours["paid"].quantile(0.95) <= 48, hours["paid"].describe()


def test_abandonment_and_asa_move_together(variants):
    """Do weeks with high abandonment also have long waits (Erlang A: abandon rate = mean wait / patience)?"""
    for variant in list(variants.values())[:40]:
        weekly = variant.tables["weekly"]
        high = weekly[weekly["abandon_rate"] >= 0.10]
        assert (high["asa_seconds"] >= 25).all(), high[["asa_seconds", "abandon_rate"]]
        low = weekly[weekly["abandon_rate"] <= 0.05]
        assert (low["asa_seconds"] <= 20).all()


def test_a_training_class_meets_growth_and_a_policy_surge_is_reforecast(template, variants):
    """Does a training class meet growth (calls and schedule rise with it), and is a surge re-forecast?"""
    checked = set()
    for seed, variant in variants.items():
        cause, start = _key(variant.scenario)
        incident = kpi_incident(template.id, seed)
        rows = variant.tables["weekly"]
        rows = rows[(rows["queue"] == incident.queue) & (rows["calendar"] == "")].set_index("week")
        before = rows.loc[4 : int(start) - 1]
        if cause == "training_gap":
            head = before["headcount"].mean()
            assert rows["in_training"].max() <= 0.3 * head + 1
            late = rows.loc[int(start) + 4 :]
            assert late["calls_offered"].mean() > 1.08 * before["calls_offered"].mean()
            assert late["scheduled_agents"].mean() > 1.05 * before["scheduled_agents"].mean()
            checked.add(cause)
        if cause == "policy_change":
            first = rows.loc[int(start) + 1 : int(start) + 2]["scheduled_agents"].mean()
            later = rows.loc[int(start) + 4 :]["scheduled_agents"].mean()
            assert later > 1.08 * first, (seed, first, later)
            checked.add(cause)
    assert checked == {"training_gap", "policy_change"}


def _attrition_rows(template, variants):
    """(seed, incident, the hit queue's weekly rows by week) of every attrition variant."""
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        if incident.cause == "attrition_spike":
            weekly = variant.tables["weekly"]
            yield seed, incident, weekly[weekly["queue"] == incident.queue].set_index("week")


def test_an_attrition_wave_takes_a_believable_share_of_the_queue(template, variants):
    """Does an attrition wave take 15-25 % of the queue in two weeks, at least four agents, no more?"""
    content = content_for(template)
    waves = list(_attrition_rows(template, variants))
    assert len(waves) >= 20
    for seed, incident, rows in waves:
        left = rows.loc[incident.start_week : incident.start_week + 1, "leavers"].sum()
        share = left / content.queue(incident.queue).headcount
        assert left >= 4 and 0.15 <= share <= 0.25, (seed, left, share)


def test_an_attrition_wave_strains_service_as_a_real_one_does(template, variants):
    """Does abandonment peak near 12-18 % after a wave (overtime and borrowing cover part), and not before?"""
    peaks = []
    for seed, incident, rows in _attrition_rows(template, variants):
        plain = rows[rows["calendar"] == ""]
        before = plain.loc[4 : incident.start_week - 1, "abandon_rate"]
        peak = float(plain.loc[incident.start_week :, "abandon_rate"].max())
        # Before the wave the queue runs like the others: the 5-8 % of the reference, about.
        assert before.mean() <= 0.09, (seed, before.mean())
        assert 0.09 <= peak <= 0.22, (seed, peak)
        cover = rows["scheduled_agents"] / rows["required_agents"]
        assert cover.loc[4 : incident.start_week - 1].mean() >= 0.93, seed
        peaks.append(peak)
    assert 0.12 <= float(pd.Series(peaks).median()) <= 0.18, pd.Series(peaks).describe()


def test_a_replacement_class_takes_six_to_eight_weeks(template, variants):
    """Does a replacement class take calls six to eight weeks after the first leavers, as the texts say?"""
    for seed, incident, rows in _attrition_rows(template, variants):
        training = rows.index[rows["in_training"] > 0]
        live = int(training.max()) + 1
        assert 6 <= live - incident.start_week <= 8, (seed, incident.start_week, live)
        scenario = variants[seed].scenario
        hire = next(o for o in scenario.decision("fix").options if o.id == "hire_class").feedback
        assert "training for the queue after the leavers" in hire and "week " not in hire, hire


def test_a_queue_csat_note_cites_the_latest_csat_fall(template, variants):
    """Where the executive's note is about one queue's CSAT, does it quote the queue whose CSAT fell most
    over the last four weeks, with its figure?"""
    content = content_for(template)
    cited = 0
    for seed in list(variants)[:80]:
        variant = variants[seed]
        csat = variant.tables["weekly"].pivot(index="week", columns="queue", values="csat")
        fall = csat.loc[17:].mean() - csat.loc[4:7].mean()
        queue = str(fall.idxmin())
        brief = " ".join(variant.scenario.brief.split())
        if "CSAT on " not in brief:
            continue
        label = content.queue(queue).label
        assert f"CSAT on {label} has averaged {100 * csat.loc[17:, queue].mean():.0f} %" in brief, seed
        cited += 1
    assert cited >= 15, cited


def _executive_note(brief: str) -> str:
    """The executive's note: the brief's one quotation in italics."""
    (note,) = re.findall(r'\*"(.+?)"\*', " ".join(brief.split()))
    return note


def test_the_executive_names_the_hit_queue_in_under_half_the_briefs(template, variants):
    """Does the executive's note leave the queue that broke for the learner to find in a good share of
    variants, naming no queue at all when it is about complaints or credits, whose figures are the
    tables' own?"""
    content = content_for(template)
    labels = [q.label for q in content.queues]
    named = 0
    kinds = Counter()
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        note = _executive_note(variant.scenario.brief)
        named += content.queue(incident.queue).label in note
        totals = variant.tables["weekly"].groupby("week")[["complaints", "credits_usd"]].sum()
        settled, recent = totals.loc[4:7].mean(), totals.loc[17:].mean()
        if note.startswith("CSAT on "):
            kinds["csat"] += 1
            continue
        assert not any(label in note for label in labels), (seed, note)
        if "complaints" in note.split(" have averaged")[0].lower():
            kinds["complaints"] += 1
            assert f"averaged {recent['complaints']:.0f} a week" in note, (seed, note)
            assert recent["complaints"] >= 1.15 * settled["complaints"], seed
        else:
            kinds["credits"] += 1
            assert f"averaged ${recent['credits_usd']:,.0f} a week" in note, (seed, note)
            assert recent["credits_usd"] >= 1.15 * settled["credits_usd"], seed
    assert named < 0.5 * len(variants), named
    assert min(kinds.values()) >= 20 and len(kinds) == 3, kinds


#: Facts that date the break: a text that names one before the start week is graded gives it away.
DATING_FACTS = (
    "start",
    "start_next",
    "go_live",
    "training_from",
    "class_from",
    "kn_from",
    "leavers_peak_week",
    "leavers_wave_week",
)


def _texts(value, skip: tuple[str, ...]) -> list[str]:
    """Every string in ``value`` (a content dump), leaving out the entries named in ``skip``."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for key, item in value.items() if key not in skip for t in _texts(item, skip)]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item, skip)]
    return []


def test_no_text_shown_before_the_start_week_is_graded_names_a_week_that_dates_it(template, readings):
    """Do the brief and every text practice shows at once (root cause, evidence, fix, report check)
    name none of the facts that date the break? Only the start-week feedback and the debrief may."""
    content = content_for(template)
    dump = content.model_dump(mode="json")
    texts = [template.brief, *_texts(dump, skip=("start_note", "start_week", "debrief", "queues"))]
    for text in texts:
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        assert not used & set(DATING_FACTS), (text, used & set(DATING_FACTS))
    # The filled-in facts that describe a class or a wave carry no week number either.
    for seed in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10):
        numbers = readings[seed].numbers
        for name in ("kn_span", "class_note", "peak_note", "class_plain", "leavers_note"):
            assert not re.search(r"\bweeks? \d", numbers[name]), (seed, name, numbers[name])


def test_practice_texts_name_no_week_from_the_start_on(template, variants):
    """In every variant, does every week a learner reads before the start week is graded (the brief,
    and the feedback of root cause, evidence, fix and report check) lie before the break or in the
    calendar the brief names?"""
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        allowed = {*range(1, 8), incident.dip_week, incident.sale_week, incident.holiday_week, 20}
        texts = [variant.scenario.brief]
        for decision in variant.scenario.decisions:
            if decision.id != "start_week":
                texts += [o.feedback for o in getattr(decision, "options", [])]
        for text in texts:
            for match in re.finditer(r"\bweeks? (\d+)(?:\s*(?:-|and|to)\s*(\d+))?", text):
                weeks = {int(g) for g in match.groups() if g}
                assert weeks <= allowed and incident.start_week not in weeks, (seed, match.group(0))


def test_a_training_class_meets_the_forecast_and_a_policy_surge_does_not(template, variants):
    """Do a training class's extra calls match the planners' forecast, and a policy change's exceed it?"""
    seen = Counter()
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        if incident.cause not in ("training_gap", "policy_change"):
            continue
        weekly = variant.tables["weekly"]
        rows = weekly[weekly["queue"] == incident.queue].set_index("week")
        first = rows.loc[incident.start_week : incident.start_week + 1]  # the break's first two weeks
        over = first["calls_offered"].mean() / first["calls_forecast"].mean()
        unplanned = next(
            o for o in variant.scenario.decision("evidence").options if o.id == "volume_unplanned"
        )
        if incident.cause == "training_gap":
            # Two weeks of calls, each with about 3.5 % noise: within 8 % of the forecast.
            assert 0.92 <= over <= 1.08 and not unplanned.feedback.startswith("True in your data"), seed
        else:
            assert over >= 1.12 and unplanned.correct, (seed, over)
        seen[incident.cause] += 1
    assert min(seen.values()) >= 20, seen


def test_the_policy_evidence_quotes_the_band_its_rule_tests(template, variants):
    """Does the policy statement's feedback quote the under-12-months errors its rule reads, no other band?"""
    checked = 0
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        reviews = variant.tables["reviews"]
        mine = reviews[
            (reviews["queue"] == incident.queue) & reviews["tenure"].isin(["0-3 months", "3-12 months"])
        ]

        def share(first: int, last: int, rows=mine) -> str:
            picked = rows[rows["week"].between(first, last)]
            return f"{100 * (picked['error_type'] == 'policy').mean():.0f} %"

        text = next(
            o for o in variant.scenario.decision("evidence").options if o.id == "policy_errors_everyone"
        )
        before, after = share(4, incident.start_week - 1), share(incident.start_week + 1, 20)
        assert f"from {before} to {after} among agents under 12 months" in text.feedback, (
            seed,
            text.feedback,
        )
        checked += 1
        if checked == 30:
            break


# --- the debrief --------------------------------------------------------------------------------


def test_the_debrief_gives_the_variants_expert_path(template):
    """Does each variant carry an expert path in its own numbers, naming its queue, start week and report?"""
    for seed in (5, 6, 7):
        variant = realise(template, seed)
        incident = kpi_incident(template.id, seed)
        text = variant.scenario.debrief.expert_path
        words = len(text.split())
        assert 120 <= words <= 250, words
        assert content_for(template).queue(incident.queue).label in text
        assert f"Week {incident.start_week}" in text
        assert not re.search(r"[{}]", text)


def test_every_expert_path_keeps_to_its_length(variants):
    """Is the expert path of every variant, whatever its cause and numbers, 120-250 words?"""
    lengths = {seed: len(v.scenario.debrief.expert_path.split()) for seed, v in variants.items()}
    assert all(120 <= n <= 250 for n in lengths.values()), {s: n for s, n in lengths.items() if n > 250}


# --- practice teaches without handing over the key ------------------------------------------------

#: Words that name or describe each cause: its name, its option label's own words, the phrases
#: its fingerprint is told in.  A text about another pick must hold none of the planted cause's.
TELLS = {
    "training_gap": ("training gap", "before they were ready", "were not ready"),
    "escalation_workflow": (
        "escalation path",
        "escalation workflow",
        "not picked up",
        "cases are lost",
        "case is lost",
        "stall with",
    ),
    "policy_change": (
        "policy change",
        "upstream",
        "reached customers before",
        "rule reached",
        "never reached",
    ),
    "staffing_shortfall": ("staffing shortfall", "too few agents were scheduled", "lacks scheduled hours"),
    "attrition_spike": (
        "attrition",
        "experienced agents left",
        "agents left",
        "people left",
        "people leaving",
        "people go",
        "leavers jumped",
    ),
}
EVERY_CAUSE_TELLS = ("fingerprint of", "the planted", "this incident's cause is")


def _tells(text: str, cause: str) -> list[str]:
    low = " ".join(text.lower().split())
    return [t for t in (*TELLS[cause], *EVERY_CAUSE_TELLS) if t in low]


def test_practice_feedback_on_another_pick_never_names_the_planted_cause(template, variants, readings):
    """Does no feedback on a pick other than the key name or describe the planted cause, or date the break?

    Practice shows the chosen option's feedback at once: a wrong root cause, an unkeyed
    statement or a weaker fix must explain that pick, not hand over the answer.
    """
    content = content_for(template)
    for seed, variant in variants.items():
        incident, shown, values = readings[seed].incident, readings[seed].shown, readings[seed].values
        cause = incident.cause
        found = " ".join(_lab.found_text(content, cause, shown, values).split())
        scenario = variant.scenario
        for option in scenario.decision("root_cause").options:
            if option.credit == 1.0:
                continue
            text = " ".join(option.feedback.split())
            assert not _tells(text, cause), (seed, cause, option.id, _tells(text, cause))
            assert found not in text and f"week {incident.start_week}" not in text, (seed, option.id)
        for option in scenario.decision("evidence").options:
            # A keyed statement may say why it fits, but never which cause it proves.
            assert content.causes[cause].name not in option.feedback, (seed, option.id)
            if not option.correct:
                assert not _tells(option.feedback, cause), (seed, cause, option.id)
        for option in scenario.decision("fix").options:
            if option.credit < 1.0:
                assert not _tells(option.feedback, cause), (
                    seed,
                    cause,
                    option.id,
                    _tells(option.feedback, cause),
                )


def test_facts_read_alike_with_or_without_the_evidence_numbers_at_hand(template, variants, readings):
    """Are the facts a variant's texts quote the same whether ``facts`` reads the evidence numbers
    itself or is handed them, as ``realise`` does?"""
    content = content_for(template)
    for seed in list(variants)[:10]:
        incident = readings[seed].incident
        assert _lab.facts(content, incident, variants[seed].tables) == readings[seed].values, seed


def test_a_wrong_root_cause_is_told_what_its_own_signs_read(template, variants, readings):
    """Does a wrong root-cause pick get its own fingerprint's reading in the learner's numbers?"""
    content = content_for(template)
    for seed in list(variants)[:40]:
        values = readings[seed].values
        for option in variants[seed].scenario.decision("root_cause").options:
            if option.credit == 0.0:
                reads = " ".join(content.causes[option.id].reads.format(**values).split())
                assert reads in " ".join(option.feedback.split()), (seed, option.id)


# --- every sign a text asserts is keyed ----------------------------------------------------------


def _policy_shares(reviews: pd.DataFrame, incident, bands: list[str]) -> tuple[float, float]:
    rows = reviews[(reviews["queue"] == incident.queue) & reviews["tenure"].isin(bands)]

    def share(first: int, last: int) -> float:
        picked = rows[rows["week"].between(first, last)]
        return float((picked["error_type"] == "policy").mean())

    return share(4, incident.start_week - 1), share(incident.start_week + 1, 20)


def test_borderline_quality_signs_are_drawn_again(template, variants):
    """In every policy change, do policy errors rise plainly in both tenure groups or plainly in neither,
    and in every staffing shortfall does QA plainly hold or plainly fall, so no variant keys (or leaves
    out) a sign a director could argue either way?"""
    checked = Counter()
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        reviews, key = variant.tables["reviews"], _evidence_key(variant.scenario)
        if incident.cause == "policy_change":
            rose = incident.leaves("policy_errors_everyone")
            for bands in (["0-3 months", "3-12 months"], ["12+ months"]):
                before, after = _policy_shares(reviews, incident, bands)
                plain = after - before >= 0.08 if rose else after - before <= 0.03
                assert plain, (seed, rose, bands, before, after)
            assert ("policy_errors_everyone" in key) == rose, seed
            checked[incident.cause, rose] += 1
        if incident.cause == "staffing_shortfall":
            qa = _change(variant, incident, "qa_score")
            held = incident.leaves("quality_held")
            assert (qa >= -1.0) if held else (qa <= -3.0), (seed, held, qa)
            assert ("quality_held" in key) == held, seed
            checked[incident.cause, held] += 1
    assert len(checked) == 4 and min(checked.values()) >= 5, checked


def test_after_an_attrition_spike_qa_and_fcr_sit_clear_of_the_quality_rule(template, variants):
    """After an attrition spike, do the QA score and FCR the rule "abandonment rose while QA and FCR
    held" reads each sit clear of its thresholds (QA within a point of level or 3 points down, FCR
    within 2 points of level or 5 points down), so no director could argue whether the statement
    is true, and is it keyed just where both held?"""
    checked = Counter()
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        if incident.cause != "attrition_spike":
            continue
        qa, fcr = _change(variant, incident, "qa_score"), _change(variant, incident, "fcr")
        assert qa >= -1.0 or qa <= -3.0, (seed, qa)
        assert fcr >= -0.02 - 1e-9 or fcr <= -0.05 + 1e-9, (seed, fcr)
        held = qa >= -1.0 and fcr >= -0.02 - 1e-9
        assert ("quality_held" in _evidence_key(variant.scenario)) == held, (seed, qa, fcr)
        checked[held] += 1
    assert checked[True] >= 10, checked


def test_a_training_gap_or_a_policy_change_never_reads_as_waits_with_quality_held(template, variants):
    """After a training gap or a policy change, whose keys leave out "abandonment rose while QA and
    FCR held", does that statement plainly not hold (abandonment up by a point at most, QA down 3
    points or FCR down 4 or more), so no learner loses a point for ticking a staffing sign the
    tables bear out? (Homegoods 32 once showed it: abandonment up 2.3 points, FCR down 2.9.)"""
    checked = Counter()
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        if incident.cause not in ("training_gap", "policy_change"):
            continue
        rows = _plain_rows(variant.tables["weekly"], incident)["abandon_rate"]
        s = incident.start_week
        waits = float(rows.loc[s + 1 : s + 4].mean() - rows.loc[4 : s - 1].mean())
        qa, fcr = _change(variant, incident, "qa_score"), _change(variant, incident, "fcr")
        assert waits <= 0.01 + 1e-9 or qa <= -3.0 or fcr <= -0.04 + 1e-9, (seed, waits, qa, fcr)
        checked[incident.cause] += 1
    assert min(checked.values()) >= 20, checked


def test_no_text_asserts_a_quality_sign_the_key_leaves_out(template, variants):
    """Do the right pick's text, the debrief and the fix feedback speak of experienced agents' policy
    errors, or of QA holding, only where the evidence key holds that statement?"""
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        scenario, key = variant.scenario, _evidence_key(variant.scenario)
        right = next(o for o in scenario.decision("root_cause").options if o.credit == 1.0).feedback
        fixes = " ".join(o.feedback for o in scenario.decision("fix").options if o.credit > 0)
        texts = " ".join((right, scenario.debrief.expert_path, fixes)).lower()
        if incident.cause == "policy_change" and "policy_errors_everyone" not in key:
            assert "every tenure band" not in texts and "experienced agents" not in texts, seed
        if incident.cause == "staffing_shortfall" and "quality_held" not in key:
            assert "qa " not in texts and "qa and fcr" not in texts, seed


def test_noise_among_a_few_bench_agents_is_never_a_rise(template, variants):
    """Where no class took calls, is 'new agents made more knowledge errors' never called true?"""
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        weekly = variant.tables["weekly"]
        if weekly[weekly["queue"] == incident.queue]["in_training"].max() > 0:
            continue
        option = next(o for o in variant.scenario.decision("evidence").options if o.id == "new_hire_errors")
        assert option.feedback.startswith("Your data do not bear this out"), (seed, option.feedback)


def test_true_signs_that_every_cause_leaves_are_offered_and_never_keyed(variants):
    """Are complaints, true in most variants whatever the cause, offered yet never keyed?"""
    true = 0
    for variant in variants.values():
        option = next(o for o in variant.scenario.decision("evidence").options if o.id == "complaints_rose")
        assert not option.correct
        true += option.feedback.startswith("True in your data")
    assert true >= 0.6 * len(variants), true


# --- the tables agree with the story -------------------------------------------------------------


def test_customers_chasing_a_lost_case_arrive_as_calls(template, variants):
    """In a broken escalation path, do calls offered rise about as much as the repeat contacts do, and
    stay level where the customers wait for the promised call?"""
    ratios = []
    for seed, variant in variants.items():
        incident = kpi_incident(template.id, seed)
        if incident.cause != "escalation_workflow":
            continue
        weekly = variant.tables["weekly"]
        rows = weekly[(weekly["queue"] == incident.queue) & (weekly["calendar"] == "")].set_index("week")
        before, after = rows.loc[4 : incident.start_week - 1], rows.loc[incident.start_week + 1 :]
        repeats = after["repeat_contacts"].mean() - before["repeat_contacts"].mean()
        calls = after["calls_offered"].mean() - before["calls_offered"].mean()
        if not incident.leaves("fcr_down_aht_flat"):
            assert abs(repeats) <= 0.03 * before["calls_offered"].mean(), (seed, repeats)
            continue
        ratios.append(calls / repeats)
    assert len(ratios) >= 20
    assert 0.6 <= float(pd.Series(ratios).median()) <= 1.6, pd.Series(ratios).describe()


def test_the_heads_lost_match_the_agents_who_left(template, variants):
    """After an attrition spike, does the headcount the texts quote fall by exactly the agents who left?"""
    for seed, incident, rows in _attrition_rows(template, variants):
        s = incident.start_week
        live = incident.go_live_week
        left_in_table = rows.loc[s : s + 1, "leavers"].sum()
        assert rows.loc[s - 1, "headcount"] - rows.loc[s + 1 : live - 1, "headcount"].min() == left_in_table
        right = next(o for o in variants[seed].scenario.decision("root_cause").options if o.credit == 1.0)
        found = re.search(r"(\d+) agents left .*?headcount fell from (\d+) to (\d+)", right.feedback, re.S)
        assert found, right.feedback
        left, before, low = map(int, found.groups())
        assert before - low == left, (seed, left, before, low)


def test_texts_carry_no_slips(template, variants):
    """Are acronyms left capitalised, and does no attrition text say the leavers came before any KPI moved?"""
    for seed, variant in variants.items():
        scenario = variant.scenario
        texts = [scenario.debrief.expert_path] + [
            o.feedback for d in scenario.decisions for o in getattr(d, "options", [])
        ]
        for text in texts:
            assert not re.search(r"\b[a-z][A-Z]{2,}\b", text), (seed, text)
            assert "before any other KPI moved" not in text, seed


# --- the fixes turn on where the step lands -------------------------------------------------------

STOP_WORDS = {"a", "an", "the", "and", "to", "of", "on", "for", "with", "in", "at", "their", "every", "it"}


def _bigrams(label: str) -> set[tuple[str, str]]:
    words = [w for w in re.findall(r"[a-z0-9'-]+", label.lower()) if w not in STOP_WORDS]
    return set(zip(words, words[1:], strict=False))


def test_fix_options_neither_echo_their_cause_nor_announce_their_weakness(template):
    """Does no fix label repeat its cause's label words or carry a slowness cue the prompt penalises?"""
    content = content_for(template)
    roots = {o.id: o.label for o in template.decision("root_cause").options}
    fixes = {o.id: o.label for o in template.decision("fix").options}
    for cause, text in content.causes.items():
        shared = _bigrams(roots[cause]) & _bigrams(fixes[text.fix])
        assert not shared, (cause, shared)
    for option, label in fixes.items():
        for cue in (
            "next month",
            "in a month",
            "quarterly",
            "six to eight weeks",
            "real calls and handle times",
        ):
            assert cue not in label, (option, cue)
