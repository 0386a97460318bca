"""Can a learner reach lab 03's keys without the understanding each decision asks for?

Practice mode shows a ticked option's feedback at once, so a distractor's feedback must explain
only why that option is not right: naming another vendor or pointing to a better question hands
that one over.  The review order must be worked out from what each review costs and needs, not
read off the notebook's prompt.  And a shortlist must not fall out of sorting one column of the
fact sheets, or out of the length of the options' labels.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pytest

from grader.catalog import scenario_folder, scenarios_for
from grader.engine import score_decision
from grader.engine.keys import perfect_answer
from grader.kinds.base import Verdict
from grader.notebook import open_lab
from tests.labs import lab_parts

vendors = lab_parts("03_vendor_red_flags")

LAB = "03_vendor_red_flags"
SCENARIOS = [s.id for s in scenarios_for(LAB)]
NOTEBOOK = Path(__file__).resolve().parents[2] / "labs" / LAB / f"{LAB}.ipynb"
MULTIPLE = ["red_flags", "shortlist", "compliance_questions"]
# Words with which a distractor's feedback sends the learner to another option: "this vendor's
# real problem", "its problems lie elsewhere", "ask ... instead", "the question on X covers them".
POINTERS = re.compile(r"\bproblems?\b|\belsewhere\b|\binstead\b|\bcovers? (?:it|them|what)\b", re.IGNORECASE)
# The words that name each keyed compliance question; each must occur in that question's own label,
# so the list cannot drift from the scenario.  A distractor's feedback must use none of them.
KEY_QUESTION_TERMS: dict[str, dict[str, str]] = {
    "vendors-clinics": {
        "baa": r"business associate agreement",
        "phi-location": r"\bviewed\b",
        "recording": r"\brecord(?:ed|ing)\b",
        "repse": r"\bREPSE\b",
        "card-data": r"\bcard\b",
    },
    "vendors-outdoorgear": {
        "repse": r"\bREPSE\b",
        "card-data": r"\bcard\b",
        "recording": r"\brecord(?:ed|ing)\b",
        "data-access": r"\blog-ins?\b|\bdata law\b",
        "qa-issue": r"\bQA\b",
    },
}
# How the reviews' labels state their costs; a prompt that quotes any of them is listing costs.
COST_PHRASES = ("an hour", "an afternoon", "a trip", "a day or two", "weeks of")
# How dear each cost a review's label states is, cheapest first.  A day or two on the floor and a
# trip to the site share a rank: neither is plainly the dearer, so a sort may put either first.
COST_RANKS = {"an hour": 0, "an afternoon": 1, "a day or two": 2, "a trip": 2, "weeks of": 3}
# The review prompt this lab once had: it listed each review's cost in the key's order.
PROMPT_THAT_LISTS_COSTS_IN_KEY_ORDER = (
    "think about what each review costs you (an hour's call, an afternoon at your desk, a trip to "
    "each finalist's site, a day or two on the floor, weeks of your QA lead's time)"
)


def _scenario(scenario_id: str):
    return next(s for s in scenarios_for(LAB) if s.id == scenario_id)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _vendor_names(scenario_id: str) -> dict[str, str]:
    """Vendor id -> the first word of its name, the word the course uses for it ("Lumbre")."""
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    return {str(row.id): str(row.vendor).split()[0] for row in sheets.itertuples()}


def _own_vendor(decision_id: str, option_id: str) -> str | None:
    """The vendor an option is about: a flag's vendor, a shortlisted vendor, or none for a question."""
    if decision_id == "red_flags":
        return vendors.vendor_of(option_id)
    return option_id if decision_id == "shortlist" else None


# --------------------------------------------------------------------------- distractors point nowhere


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("decision_id", MULTIPLE)
def test_a_distractors_feedback_names_no_other_vendor_and_points_nowhere(scenario_id, decision_id):
    """Does the feedback of every option outside the key name no vendor but its own, and send the
    learner to no other flag, vendor or question ("its problems lie elsewhere", "ask X instead")?"""
    names = _vendor_names(scenario_id)
    for option in _scenario(scenario_id).decision(decision_id).options:
        if option.correct:
            continue
        feedback = _flat(option.feedback)
        own = _own_vendor(decision_id, option.id)
        named = [name for vendor_id, name in names.items() if vendor_id != own and name in feedback]
        assert not named, (option.id, named)
        assert not POINTERS.search(feedback), (option.id, POINTERS.search(feedback))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_wrong_question_uses_no_keyed_questions_words(scenario_id):
    """Does the feedback of every compliance question outside the key leave out the words that name
    each keyed question, so that one wrong tick does not list the questions to ask?"""
    decision = _scenario(scenario_id).decision("compliance_questions")
    terms = KEY_QUESTION_TERMS[scenario_id]
    labels = {o.id: o.label for o in decision.options}
    assert set(terms) == set(perfect_answer(decision))
    for key_id, term in terms.items():
        assert re.search(term, labels[key_id], re.IGNORECASE), (key_id, term)
    for option in decision.options:
        if option.correct:
            continue
        feedback = _flat(option.feedback)
        found = [key_id for key_id, term in terms.items() if re.search(term, feedback, re.IGNORECASE)]
        assert not found, (option.id, found)


def test_the_pointer_check_catches_the_sentences_it_is_for():
    """Would the check catch the pointers a distractor once carried, and pass a plain explanation?"""
    for pointer in (
        "which is this vendor's real problem",
        "Lumbre's problems lie in who it hires",
        "Ask who employs them and for the REPSE registration instead.",
        "the question on log-ins and Mexico's data law covers them",
    ):
        assert POINTERS.search(pointer), pointer
    assert not POINTERS.search("A clean-desk floor is a sound control against copying patient data.")


# --------------------------------------------------------------------------- the review order


def _prompt_before(decision_id: str) -> str:
    """The notebook's markdown just above the cell that opens ``decision_id``'s panel."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    for before, cell in itertools.pairwise(cells):
        if f'lab.decide("{decision_id}")' in "".join(cell["source"]):
            assert before["cell_type"] == "markdown"
            return _flat("".join(before["source"]))
    raise AssertionError(f"no panel for {decision_id}")


def _cost(label: str) -> str | None:
    """The cost a review's label carries, in brackets after its name: "(an hour's call)"."""
    found = re.search(r"\(([^)]+)\)", label)
    return found.group(1) if found else None


def _listed_in_key_order(text: str, key: list[str], cues: dict[str, list[str]]) -> bool:
    """Whether ``text`` names the cues of two or more options, in the order the key puts them.

    A cue two options share (two reviews can cost the same) counts at the earlier option's place:
    that is where a learner following the text would put it.
    """
    lowered = text.lower()
    first_rank: dict[int, int] = {}
    for option_id, option_cues in cues.items():
        for cue in option_cues:
            at = lowered.find(cue.lower())
            if at >= 0:
                first_rank[at] = min(first_rank.get(at, len(key)), key.index(option_id))
    ranks = [first_rank[at] for at in sorted(first_rank)]
    return len(set(ranks)) >= 2 and ranks == sorted(ranks)


def _review_cues(decision) -> dict[str, list[str]]:
    """Each review's cues: its name (the label before its bracket) and the cost in its bracket."""
    return {
        o.id: [re.split(r"[(:]", o.label)[0].strip(), *([_cost(o.label)] if _cost(o.label) else [])]
        for o in decision.options
    }


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_each_review_carries_its_own_cost(scenario_id):
    """Does every review of the round say, in its own label, what it costs your team, and do two share a
    cost, so that the costs alone cannot order them?"""
    decision = _scenario(scenario_id).decision("review_order")
    costs = [_cost(o.label) for o in decision.options]
    assert all(costs), [o.label for o in decision.options]
    assert any(costs.count(cost) > 1 for cost in costs), "cost alone must not order the reviews"


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_review_prompt_lists_no_cue_in_key_order(scenario_id):
    """Does neither the notebook's prompt nor the decision's own prompt name the reviews or their costs
    in the order the key puts them, and does no prompt quote a review's cost at all?"""
    decision = _scenario(scenario_id).decision("review_order")
    cues = _review_cues(decision)
    for text in (_prompt_before("review_order"), _flat(decision.prompt)):
        assert not _listed_in_key_order(text, list(decision.key), cues), text
        quoted = [phrase for phrase in COST_PHRASES if phrase in text.lower()]
        assert not quoted, quoted


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_cheapest_first_alone_misses_the_key(scenario_id):
    """Does a review that costs no more than the leaders' interview come last, so that sorting by cost
    alone loses credit: is the key's last review as cheap as the interview?"""
    decision = _scenario(scenario_id).decision("review_order")
    labels = {o.id: o.label for o in decision.options}
    key = list(decision.key)
    assert _cost(labels[key[-1]]) == _cost(labels["leadership"])


def _cost_rank(label: str) -> int:
    """Where the cost a review's label states stands among the others, cheapest first."""
    cost = str(_cost(label)).lower()
    return next(rank for phrase, rank in COST_RANKS.items() if cost.startswith(phrase))


def _orders_sorted_by_stated_cost(decision) -> list[list[str]]:
    """Every order a learner gets by sorting the reviews on the cost their labels state, with the
    follow-up last: reviews of the same cost may stand in any order among themselves."""
    follow_ups = [o.id for o in decision.options if o.label.lower().startswith("follow-up")]
    ranked = sorted(
        (o for o in decision.options if o.id not in follow_ups), key=lambda o: _cost_rank(o.label)
    )
    ties = [
        [o.id for o in group] for _, group in itertools.groupby(ranked, key=lambda o: _cost_rank(o.label))
    ]
    return [
        [review for group in choice for review in group] + follow_ups
        for choice in itertools.product(*(itertools.permutations(group) for group in ties))
    ]


def _cost_sorts_with_full_marks(decision) -> list[list[str]]:
    return [
        order
        for order in _orders_sorted_by_stated_cost(decision)
        if score_decision(decision, order).points == decision.points
    ]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_sorting_the_reviews_by_their_stated_cost_misses_full_marks(scenario_id):
    """Does every order got by sorting the reviews on the cost their labels state, follow-up last, fall
    short of full marks, so that the learner must also weigh what each review needs to have seen?"""
    decision = _scenario(scenario_id).decision("review_order")
    assert all(_cost(o.label) for o in decision.options), "every review must state its cost"
    assert _cost_sorts_with_full_marks(decision) == []


# The most credit, as a share of the decision's points, that anchoring the order (leaders first,
# follow-up last) may earn: with the rest sorted on their stated cost, in any tie order, and with
# the rest in a random order, on average over every such order.
ANCHORED_COST_SORT_CEILING = 0.75
ANCHORED_RANDOM_CEILING = 0.75


def _share(decision, order: list[str]) -> float:
    return score_decision(decision, order).points / decision.points


def _anchored_middles(decision) -> list[str]:
    return [o.id for o in decision.options if o.id not in ("leadership", "follow-up")]


def _anchored_cost_sorts(decision) -> list[list[str]]:
    """Every order a learner gets by hearing the leaders first, putting the follow-up last and
    sorting the rest on the cost their labels state, reviews of equal cost in any order."""
    labels = {o.id: o.label for o in decision.options}
    ranked = sorted(_anchored_middles(decision), key=lambda review: _cost_rank(labels[review]))
    ties = [list(group) for _, group in itertools.groupby(ranked, key=lambda r: _cost_rank(labels[r]))]
    return [
        ["leadership", *(review for group in choice for review in group), "follow-up"]
        for choice in itertools.product(*(itertools.permutations(group) for group in ties))
    ]


def _anchored_random_share(decision) -> float:
    """The mean share earned by leaders first, follow-up last and the rest in every possible order."""
    shares = [
        _share(decision, ["leadership", *middle, "follow-up"])
        for middle in itertools.permutations(_anchored_middles(decision))
    ]
    return sum(shares) / len(shares)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_anchoring_and_sorting_by_stated_cost_earns_at_most_three_quarters(scenario_id):
    """Hearing the leaders first, putting the follow-up last and sorting the rest on their stated
    cost: does every such order, however reviews of equal cost fall, earn three quarters of the
    points or less, so that the review whose lead time sets the launch must be found in the brief?"""
    decision = _scenario(scenario_id).decision("review_order")
    shares = [_share(decision, order) for order in _anchored_cost_sorts(decision)]
    assert max(shares) <= ANCHORED_COST_SORT_CEILING, shares


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_anchoring_alone_earns_at_most_three_quarters_on_average(scenario_id):
    """Hearing the leaders first and putting the follow-up last, the rest in any order: does that earn
    three quarters of the points or less on average?"""
    decision = _scenario(scenario_id).decision("review_order")
    assert _anchored_random_share(decision) <= ANCHORED_RANDOM_CEILING


def test_the_anchored_checks_catch_the_order_without_a_step_that_goes_first():
    """Would the anchored checks have caught the review order this lab had before a review went
    ahead of the leaders' interview (about 90 % for the cost sort, 79 % for anchoring alone)?"""
    decision = _scenario("vendors-outdoorgear").decision("review_order")
    first = decision.key[0]
    old = decision.model_copy(
        update={
            "key": [r for r in decision.key if r != first],
            "options": [o for o in decision.options if o.id != first],
            "either_order": [pair for pair in decision.either_order if first not in pair],
            "caps": [],
        }
    )
    assert max(_share(old, order) for order in _anchored_cost_sorts(old)) > ANCHORED_COST_SORT_CEILING
    assert _anchored_random_share(old) > ANCHORED_RANDOM_CEILING


def test_the_cost_sort_check_catches_a_key_that_is_the_cost_order():
    """Would the check find full marks for a key that is nothing but the reviews sorted by cost?"""
    decision = _scenario("vendors-outdoorgear").decision("review_order")
    by_cost = _orders_sorted_by_stated_cost(decision)[0]
    giveaway = decision.model_copy(update={"key": by_cost, "either_order": [], "caps": []})
    assert _cost_sorts_with_full_marks(giveaway) == [by_cost]


# Words with which a review's label would say what it must wait for: another review or its results.
WAITS_FOR = re.compile(r"\breport|\breference|\bfloor\b|\bwalkthrough|\bcalibrat|\bagainst\b", re.IGNORECASE)


def _cheap_steps_that_wait(decision) -> list[str]:
    """The reviews the key places after a dearer one of your own checks though they cost less, the
    follow-up left out: the steps a learner must place by what they need, not by what they cost.
    A review started before the leaders' interview for its lead time is no check a later one reads."""
    labels = {o.id: o.label for o in decision.options}
    key = list(decision.key)
    start = key.index("leadership")
    return [
        review
        for at, review in enumerate(key[:-1])
        if at > start
        and any(_cost_rank(labels[before]) > _cost_rank(labels[review]) for before in key[start:at])
    ]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_cheap_review_that_waits_does_not_say_what_for(scenario_id):
    """Does each review that comes after a dearer one, though it costs less, leave out of its own label
    what it waits for (the reports, the reference clients, the floor), so that the learner must find
    the need in the brief and the proposals rather than read it off the option?"""
    decision = _scenario(scenario_id).decision("review_order")
    labels = {o.id: o.label for o in decision.options}
    waiting = _cheap_steps_that_wait(decision)
    assert waiting, "some cheap review must wait for dearer ones"
    for review in waiting:
        described = labels[review].split(":", 1)[1]
        assert not WAITS_FOR.search(described), (review, WAITS_FOR.search(described))


def test_the_waiting_check_catches_the_labels_that_said_it():
    """Would the check catch the labels that once named what the cheap step waits for?"""
    for said in (
        "count a current client's open log-ins against the agents in its reports and the named log-ins "
        "you saw on the floor",
        "call, as a customer, the lines the reference clients named, and hold what you hear against the "
        "vendor's reports",
    ):
        assert WAITS_FOR.search(said), said
    assert not WAITS_FOR.search("count a current client's open log-ins")


def test_every_cost_phrase_is_one_a_review_states():
    """Is each cost phrase the prompt check looks for one that some review's label states, so that
    the check follows the labels?"""
    costs = " ".join(
        str(_cost(o.label)).lower() for s in SCENARIOS for o in _scenario(s).decision("review_order").options
    )
    assert [phrase for phrase in COST_PHRASES if phrase not in costs] == []


def test_the_order_check_catches_the_old_prompt():
    """Would the order check catch the prompt that listed each review's cost in key order?"""
    decision = _scenario("vendors-outdoorgear").decision("review_order")
    cues = _review_cues(decision)
    assert _listed_in_key_order(PROMPT_THAT_LISTS_COSTS_IN_KEY_ORDER, list(decision.key), cues)


# --------------------------------------------------------------------------- the shortlists


def _possible_tops(scores: dict[str, float], k: int) -> list[set[str]]:
    """Every set of ``k`` ids that a sort, highest first, could put on top, ties broken any way."""
    ranked = sorted(scores.values(), reverse=True)
    cut = ranked[k - 1]
    above = {i for i, score in scores.items() if score > cut}
    tied = [i for i, score in scores.items() if score == cut]
    return [above | set(rest) for rest in itertools.combinations(tied, k - len(above))]


def test_possible_tops_count_every_tie():
    """Does a tie at the cut give every set the tie allows, and no tie only one?"""
    assert _possible_tops({"a": 3, "b": 2, "c": 2, "d": 1}, 2) == [{"a", "b"}, {"a", "c"}]
    assert _possible_tops({"a": 3, "b": 2, "c": 1}, 2) == [{"a", "b"}]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_column_sorted_either_way_gives_the_shortlist(scenario_id):
    """Sorting any numeric column of the fact sheets, highest or lowest first, and keeping as many
    vendors as the key holds: does no such sort, however its ties fall, give the shortlist key?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    numeric = sheets.select_dtypes("number").columns
    assert len(numeric) >= 6, list(numeric)
    for column in numeric:
        for sign in (1, -1):
            scores = {str(row["id"]): sign * float(row[column]) for _, row in sheets.iterrows()}
            assert key not in _possible_tops(scores, len(key)), (column, "highest" if sign > 0 else "lowest")


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_label_length_gives_the_shortlist(scenario_id):
    """Do neither the longest nor the shortest shortlist labels, as many as the key holds, make the key?"""
    decision = _scenario(scenario_id).decision("shortlist")
    key = set(perfect_answer(decision))
    for sign in (1, -1):
        lengths = {o.id: sign * len(o.label) for o in decision.options}
        assert key not in _possible_tops(lengths, len(key)), "longest" if sign > 0 else "shortest"


# A word of the fact sheet, hyphenated and apostrophised ones whole ("multi-factor", "weeks'").
WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
# The longest phrase a screen looks for: "calibration with your" is three words.
PHRASE_WORDS = 3


def _text_columns(sheets: pd.DataFrame) -> list[str]:
    """The fact sheet's text columns: every column that is not a number, the vendor id left out."""
    return [c for c in sheets.columns if c != "id" and not pd.api.types.is_numeric_dtype(sheets[c])]


def _words(cell: str) -> str:
    """A cell's words, lower-cased and joined by single spaces, with figures and punctuation dropped."""
    return " ".join(WORD.findall(cell.lower()))


# Short tokens a screen can still pick on, taken whole: acronyms ("QA", "ISO") and years ("2024").
SHORT_TOKEN = re.compile(r"\b(?:[A-Z]{2,4}|(?:19|20)\d\d)\b")


def _token_screens(cells: dict[str, str]) -> dict[str, set[str]]:
    """For each word of four letters or more in a column, each run of two or three words, and each
    acronym or year: the vendors whose cell contains it."""
    phrases: set[str] = set()
    for cell in cells.values():
        words = _words(cell).split()
        phrases |= {w for w in words if len(w) >= 4}
        for size in range(2, PHRASE_WORDS + 1):
            phrases |= {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    screens = {p: {v for v, cell in cells.items() if p in _words(cell)} for p in phrases}
    for token in {t for cell in cells.values() for t in SHORT_TOKEN.findall(cell)}:
        screens[token] = {v for v, cell in cells.items() if re.search(rf"\b{token}\b", cell)}
    return screens


def _twins_only_the_key_shares(cells: dict[str, str], key: set[str]) -> list[set[str]]:
    """Identical cells held by two keyed vendors or more and by no vendor outside the key."""
    holders: dict[str, set[str]] = {}
    for vendor_id, cell in cells.items():
        holders.setdefault(" ".join(cell.split()).lower(), set()).add(vendor_id)
    return [ids for ids in holders.values() if len(ids & key) >= 2 and ids <= key]


def test_the_text_screen_catches_a_shared_phrase():
    """Would the text screen catch a word only the keyed vendors use, and twin cells only they share?"""
    cells = {"a": "Named accounts", "b": "Same-day removal; reviewed monthly", "c": "Reviewed monthly"}
    assert _token_screens(cells)["monthly"] == {"b", "c"}
    assert _token_screens(cells)["reviewed monthly"] == {"b", "c"}
    assert _twins_only_the_key_shares({"a": "x", "b": "y", "c": "y"}, {"b", "c"}) == [{"b", "c"}]
    assert _twins_only_the_key_shares({"a": "y", "b": "y", "c": "y"}, {"b", "c"}) == []


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_word_in_a_text_column_gives_the_shortlist(scenario_id):
    """Keeping, or leaving out, the vendors whose cell in one text column of the fact sheets contains
    a given word or short phrase ("monthly", "REPSE registered", "calibration with your"), among all
    vendors or those the brief's hard rules leave: does no such screen give the shortlist key, and
    do no two keyed vendors share a word-for-word cell that no vendor outside the key shares?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    columns = _text_columns(sheets)
    assert {"qa_method", "tools", "certifications", "access_control", "notes"} <= set(columns)
    for column in columns:
        cells = {str(row["id"]): str(row[column]) for _, row in sheets.iterrows()}
        screens = _screens_giving_in_pools(scenario_id, lambda ids, cells=cells: {v: cells[v] for v in ids})
        assert not screens, (column, screens)
        assert not _twins_only_the_key_shares(cells, key), column


def _rows(sheets: pd.DataFrame) -> dict[str, str]:
    """Each vendor's whole fact-sheet row: its text cells, one to a line, so a screen reads them all."""
    return {
        str(row["id"]): "\n".join(str(row[c]) for c in _text_columns(sheets)) for _, row in sheets.iterrows()
    }


def _proposals(scenario_id: str, vendor_ids: list[str]) -> dict[str, str]:
    """Each vendor's proposal document, vendor_<id>.md, fact-sheet table included."""
    folder = scenario_folder(scenario_id)
    return {v: (folder / f"vendor_{v}.md").read_text(encoding="utf-8") for v in vendor_ids}


def _screens_giving(texts: dict[str, str], key: set[str]) -> list[str]:
    """The words and short phrases that keep exactly the keyed vendors, or leave out exactly the
    vendors outside the key: red-flag hunting drops a vendor for a word as readily as it keeps one.
    A word every vendor uses keeps all of them and drops none, so it never turns up here."""
    pool = set(texts)
    return sorted(
        token for token, kept in _token_screens(texts).items() if _gives_the_shortlist(kept, pool, key)
    )


def _screens_giving_in_pools(scenario_id: str, texts_of: Callable[[list[str]], dict[str, str]]) -> list[str]:
    """The token screens that keep or drop their way to the shortlist, among all vendors and among
    those the brief's hard rules leave; ``texts_of`` gives each listed vendor's text."""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    found = []
    for pool in _pools(scenario_id, sheets):
        ids = [str(v) for v in pool["id"]]
        found += [f"{len(ids)} vendors: {token}" for token in _screens_giving(texts_of(ids), key & set(ids))]
    return found


def test_the_whole_row_screen_catches_a_phrase_split_across_columns():
    """Would the row screen catch "multi-factor sign-in" held by the keyed vendors in different
    columns, which a screen of one column at a time lets through?"""
    sheets = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "tools": ["Your helpdesk; multi-factor sign-in", "Your helpdesk", "Your helpdesk"],
            "access_control": ["Named accounts", "Named accounts", "Named accounts, multi-factor sign-in"],
        }
    )
    for column in ("tools", "access_control"):
        cells = {str(row["id"]): str(row[column]) for _, row in sheets.iterrows()}
        assert "multi-factor sign-in" not in _screens_giving(cells, {"a", "c"})
    assert "multi-factor sign-in" in _screens_giving(_rows(sheets), {"a", "c"})


def test_the_token_screen_catches_a_word_that_drops_the_vendors_outside_the_key():
    """Would the screen catch "stated", which once dropped exactly the two outdoor vendors outside the
    key ("no removal time stated", "No certificates stated"), and not a word that drops a keyed one?"""
    rows = {
        "a": "Named accounts; removal within 5 working days",
        "b": "Named accounts; no removal time stated",
        "c": "Named accounts, same-day removal",
        "d": "Named accounts, same-day removal; reviewed monthly",
        "e": "No certificates stated",
    }
    assert "stated" in _screens_giving(rows, {"a", "c", "d"})
    assert "monthly" not in _screens_giving(rows, {"a", "c", "d"})


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_word_in_a_whole_row_gives_the_shortlist(scenario_id):
    """Keeping, or leaving out, the vendors whose fact-sheet row, in any of its text columns, contains
    a given word or short phrase ("multi-factor sign-in", "stated"), among all vendors or those the
    brief's hard rules leave: does no such screen give the shortlist key?"""
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    rows = _rows(sheets)
    assert _screens_giving_in_pools(scenario_id, lambda ids: {v: rows[v] for v in ids}) == []


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_word_in_the_proposals_gives_the_shortlist(scenario_id):
    """Keeping the vendors whose proposal document contains a given word or short phrase: does no
    such screen give the shortlist key?  Leaving vendors out by a word of their proposals is not
    checked: in pages of prose, dozens of common words ("their", "when") fall on the vendors outside
    the key by chance, and no reader drops a vendor for them."""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    proposals = _proposals(scenario_id, [str(v) for v in sheets["id"]])
    assert [token for token, kept in _token_screens(proposals).items() if kept == key] == []


# --------------------------------------------------------------------------- practice mode


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("decision_id", MULTIPLE)
def test_ticking_every_option_in_practice_shows_no_verdict(practice, scenario_id, decision_id):
    """In practice, does ticking every option of a multiple decision give one note that judges no
    tick, instead of each option's verdict and feedback?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    options = lab.decision(decision_id).options
    lab.record(decision_id, [o.id for o in options])
    notes = lab.feedback(decision_id).notes
    assert [note.verdict for note in notes] == [Verdict.INFO], decision_id
    assert f"You ticked {len(options)} statements" in notes[0].text
    assert not any(o.label in notes[0].text or _flat(o.feedback) in notes[0].text for o in options)


# --------------------------------------------------------------------------- screens a learner might try

# The brief's hard rules, applied to the fact sheets before any screen: a vendor a rule rules out
# is out whatever else it says, so a screen need only separate the vendors the rule leaves.
# Clinics: the two largest health plans will not approve a site in Asia.
HARD_RULES: dict[str, dict[str, set[str]]] = {
    "vendors-clinics": {"country": {"Philippines"}},
    "vendors-outdoorgear": {},
}
# Every word, however short, negations included ("no", "not", "none").
ANY_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
# A figure in a cell: "42 %", "10 weeks", "2027", "5 working days"; version numbers ("v4.0.1") are names.
FIGURE = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?(?![\w.])")


def _pools(scenario_id: str, sheets: pd.DataFrame) -> list[pd.DataFrame]:
    """The fact sheets as a learner screens them: every vendor, and those the brief's hard rules leave."""
    kept = sheets
    for column, banned in HARD_RULES[scenario_id].items():
        kept = kept[~kept[column].isin(banned)]
    assert len(kept) > len(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    return [sheets, kept] if len(kept) < len(sheets) else [sheets]


def _gives_the_shortlist(kept: set[str], pool: set[str], key: set[str]) -> bool:
    """Whether keeping ``kept`` (or leaving it out) among ``pool`` lands exactly on the key."""
    return kept == key & pool or pool - kept == key & pool


def _word_screens(cells: dict[str, str]) -> dict[str, set[str]]:
    """For every word of every cell, however short: the vendors whose cell holds it."""
    words = {v: set(ANY_WORD.findall(cell.lower())) for v, cell in cells.items()}
    return {w: {v for v, held in words.items() if w in held} for w in set().union(*words.values())}


def _figures(cell: object) -> list[float]:
    """The figures a cell states: the number itself, or every figure written in its text."""
    if isinstance(cell, int | float):
        return [float(cell)]
    return [float(f.replace(",", "")) for f in FIGURE.findall(str(cell))]


def _interval_screens(figures: dict[str, list[float]]) -> list[set[str]]:
    """For every interval between two figures stated in a column: the vendors with a figure inside it."""
    values = sorted({f for found in figures.values() for f in found})
    return [
        {v for v, found in figures.items() if any(low <= f <= high for f in found)}
        for low, high in itertools.combinations_with_replacement(values, 2)
    ]


def _trimmed(attrition: dict[str, float]) -> set[str]:
    """The vendors left once the lowest and the highest attrition figure are dropped."""
    low, high = min(attrition.values()), max(attrition.values())
    return {v for v, rate in attrition.items() if low < rate < high}


def test_the_screens_catch_the_ones_that_gave_lab_03_away():
    """Would the screens catch the word "no" that left out two vendors, an attrition band, and
    trimming the lowest and the highest attrition?"""
    qa = {"a": "weekly calibration", "b": "no calibration sessions", "c": "calibration twice a month"}
    assert _word_screens(qa)["no"] == {"b"}
    assert _gives_the_shortlist(_word_screens(qa)["no"], set(qa), {"a", "c"})
    attrition = {"a": [0.31], "b": [0.22], "c": [0.33], "d": [0.55]}
    assert {"a", "c"} in _interval_screens(attrition)
    assert _trimmed({v: f[0] for v, f in attrition.items()}) == {"a", "c"}
    assert _figures("renewed 2024; PCI DSS v4.0.1; 10 weeks' notice") == [2024.0, 10.0]


def _column_screens_giving_the_shortlist(
    scenario_id: str, screens_of: Callable[[dict[str, object]], Iterable[tuple[str, set[str]]]]
) -> list[tuple[str, str]]:
    """(column, screen) for every screen of one column's cells that keeps exactly the shortlist
    (or leaves exactly it out), among all vendors or those the brief's hard rules leave.

    ``screens_of`` turns {vendor id: cell} into (screen name, vendor ids it keeps) pairs.
    """
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    found = []
    for pool in _pools(scenario_id, sheets):
        ids = set(pool["id"].astype(str))
        for column in [c for c in pool.columns if c != "id"]:
            cells = {str(row["id"]): row[column] for _, row in pool.iterrows()}
            found += [
                (column, name) for name, kept in screens_of(cells) if _gives_the_shortlist(kept, ids, key)
            ]
    return found


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_single_word_in_a_column_gives_the_shortlist(scenario_id):
    """Keeping (or leaving out) the vendors whose cell in one column holds a given word, however short
    ("no", "not", "multi-factor"), among all vendors or those the brief's hard rules leave: does no
    such screen give the shortlist key?"""
    found = _column_screens_giving_the_shortlist(
        scenario_id, lambda cells: _word_screens({v: str(c) for v, c in cells.items()}).items()
    )
    assert found == []


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_interval_of_a_columns_figures_gives_the_shortlist(scenario_id):
    """Keeping (or leaving out) the vendors with a figure of one column inside an interval (attrition
    as stated, seats, rates, weeks, years written in the text), among all vendors or those the
    brief's hard rules leave: does no interval give the shortlist key?"""
    found = _column_screens_giving_the_shortlist(
        scenario_id,
        lambda cells: [
            ("interval", kept) for kept in _interval_screens({v: _figures(c) for v, c in cells.items()})
        ],
    )
    assert found == []


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_dropping_the_lowest_and_highest_attrition_misses_the_shortlist(scenario_id):
    """Dropping the vendor with the lowest and the one with the highest attrition as stated, among
    all vendors or those the brief's hard rules leave: does what remains differ from the key?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    for pool in _pools(scenario_id, sheets):
        attrition = {str(row["id"]): float(row["annual_attrition"]) for _, row in pool.iterrows()}
        assert not _gives_the_shortlist(_trimmed(attrition), set(attrition), key)


# A token once punctuation is stripped: a word or a figure ("weeks", "2"); "weeks'" reads "weeks".
TOKEN = re.compile(r"\w+")
# How many words the phrase screens run to: "peak agents", "calibration with your".
PHRASE_SIZES = (2, 3)


def _phrases(text: str) -> set[str]:
    """Every run of two or three tokens in ``text``, lower-cased with punctuation stripped; a run
    never crosses a line, so two rows of a fact sheet do not make a phrase together."""
    found: set[str] = set()
    for line in text.lower().replace("'", "").replace("\u2019", "").splitlines():
        tokens = TOKEN.findall(line)
        for size in PHRASE_SIZES:
            found |= {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}
    return found


def _sheet_rows(scenario_id: str, vendor_id: str) -> dict[str, str]:
    """The fact-sheet table at the foot of a vendor's proposal: row name -> value."""
    text = (scenario_folder(scenario_id) / f"vendor_{vendor_id}.md").read_text(encoding="utf-8")
    table = text.split("**Fact sheet**", 1)[1]
    rows = (re.match(r"\|\s*([^|]+?)\s*\|\s*(.+?)\s*\|\s*$", line) for line in table.splitlines())
    return {row[1]: row[2] for row in rows if row and not row[1].startswith("-")}


def _phrase_sources(scenario_id: str, sheets: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Every text a learner can screen, by where it stands: each column of vendors.csv, each row of
    the proposals' fact sheets (a row a vendor lacks reads empty), and each fact sheet whole."""
    ids = [str(v) for v in sheets["id"]]
    sources = {
        f"vendors.csv {c}": {str(row["id"]): str(row[c]) for _, row in sheets.iterrows()}
        for c in sheets.columns
        if c != "id"
    }
    rows = {v: _sheet_rows(scenario_id, v) for v in ids}
    for name in sorted(set().union(*rows.values())):
        sources[f"fact sheet {name}"] = {v: rows[v].get(name, "") for v in ids}
    sources["fact sheet, whole"] = {v: "\n".join(rows[v].values()) for v in ids}
    return sources


def _phrase_screens_giving_the_shortlist(scenario_id: str) -> list[tuple[str, str]]:
    """(where, phrase) for every two- or three-word phrase whose presence or absence keeps exactly
    the key, among all vendors or those the brief's hard rules leave."""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    sources = _phrase_sources(scenario_id, sheets)
    found = []
    for pool in _pools(scenario_id, sheets):
        ids = set(pool["id"].astype(str))
        for where, cells in sources.items():
            held = {v: _phrases(cells[v]) for v in ids}
            for phrase in set().union(*held.values()):
                kept = {v for v in ids if phrase in held[v]}
                if _gives_the_shortlist(kept, ids, key):
                    found.append((where, phrase))
    return sorted(set(found))


def test_the_phrase_screen_catches_the_phrases_that_gave_lab_03_away():
    """Would the phrase screen find "peak agents" against "extra agents", and "classroom 2 weeks" on
    a row, without joining the end of one row to the start of the next?"""
    assert {"peak agents", "30 peak agents", "peak agents in"} <= _phrases("30 peak agents in 3 weeks")
    assert "classroom 2 weeks" in _phrases("5 weeks' classroom, 2 weeks nesting")
    assert "weeks classroom" in _phrases("5 weeks' classroom")
    assert "team flu" not in _phrases("your IT team\nFlu-season agents")
    pool = {"a", "b", "c", "d", "e"}
    scaling = {"a": "Peak agents hired ahead", "b": "30 extra agents", "e": "30 extra agents"}
    kept = {v for v in pool if "extra agents" in _phrases(scaling.get(v, "30 peak agents"))}
    assert _gives_the_shortlist(kept, pool, {"a", "c", "d"})


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_phrase_in_a_column_or_a_fact_sheet_gives_the_shortlist(scenario_id):
    """Keeping (or leaving out) the vendors whose cell in one column of vendors.csv, or whose row or
    whole fact sheet in their proposal, holds a given two- or three-word phrase ("peak agents",
    "calibration with your", "account review with"), among all vendors or those the brief's hard
    rules leave: does no such screen give the shortlist key?"""
    assert _phrase_screens_giving_the_shortlist(scenario_id) == []


# --------------------------------------------------------------------------- screens of a review (round 11)
# Each screen below once returned exactly a shortlist key, though none applies the closability rule.
# They are run on every vendor, on those the brief's hard rules leave, and on those left once the
# staff-supply ban is read as a hard rule too (the vendor whose notes say its agents work under
# your direction), as a learner who knows the ban would.
STAFF_SUPPLY = re.compile(r"\bdirection\b", re.IGNORECASE)
# How a vendor's attrition figure leaves out its early leavers: "only agents past their 90-day probation".
EARLY_LEAVERS_LEFT_OUT = re.compile(r"\bpast\b|\bafter\b|\bprobation\b", re.IGNORECASE)
# How often a clause of a cell says the vendor calibrates with you: "weekly calibration with your QA
# lead", "your QA lead calibrates with them every week", "calibration sessions with you twice a month".
CALIBRATES = re.compile(r"calibrat", re.IGNORECASE)
WITH_YOU = re.compile(r"\byou(r)?\b", re.IGNORECASE)
TWICE_A_MONTH_OR_MORE = re.compile(
    r"weekly|every week|twice a month|every 2 weeks|every two weeks", re.IGNORECASE
)


def _calibrates_with_you_twice_a_month(cell: str) -> bool:
    """S3: whether a clause of the cell (split at ";" and "and") calibrates with you that often."""
    clauses = re.split(r";|\band\b", cell)
    return any(
        CALIBRATES.search(c) and WITH_YOU.search(c) and TWICE_A_MONTH_OR_MORE.search(c) for c in clauses
    )


# A named quality owner on the management line: "QA lead", "QA manager".
QA_OWNER = re.compile(r"\bQA (lead|manager)\b", re.IGNORECASE)
# Notes that say who employs or directs the agents.
EMPLOYER_NOTE = re.compile(r"\bemployed by\b|\bdirection\b|\bhonorarios\b|\bcontracted\b", re.IGNORECASE)
# A reader's judgement of tone, which no pattern makes: the phrases that make a vendor's note
# state a problem, or its proposal title carry a pitch, as reviewers have read them (a vendor is
# marked when its text holds any of its phrases; the others read as plain).  Phrases of texts
# since rewritten stay listed, so the check still reads older versions of the files as it did.
NOTES_THAT_STATE_A_PROBLEM: dict[str, dict[str, tuple[str, ...]]] = {
    "vendors-clinics": {
        "a": ("view patient records from Manila",),
        "c": ("under your supervisors' direction",),
        "d": ("ten-minute phone screen", "recording announced only where a state requires it"),
        "e": ("silent on where your agents sit",),
    },
    "vendors-outdoorgear": {
        "a": ("names no free seats",),
        "b": ("rate their own English", "employed by a sister company"),
        "c": ("partner centres not named",),
        "e": ("under your supervisors' direction",),
    },
}
PITCHED_TITLES: dict[str, dict[str, tuple[str, ...]]] = {
    "vendors-clinics": {
        "a": ("built for healthcare",),
        "c": ("starting next week",),
        "d": ("run on real-time analytics",),
    },
    "vendors-outdoorgear": {
        "b": ("Customer love, at scale",),
        "c": ("certified, elastic, bilingual",),
    },
}


def _screen_pools(scenario_id: str) -> list[pd.DataFrame]:
    """Every vendor; those the brief's hard rules leave; and those left once staff supply is out too."""
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    pools = _pools(scenario_id, sheets)
    banned = pools[-1]["notes"].astype(str).str.contains(STAFF_SUPPLY)
    return [*pools, pools[-1][~banned]] if banned.any() else pools


def _ids(pool: pd.DataFrame) -> set[str]:
    return set(pool["id"].astype(str))


def _benchmark_screens(scenario_id: str, pool: pd.DataFrame) -> dict[str, set[str]]:
    """For every benchmark metric: the vendors whose figure sits inside the range for their country."""
    benchmarks = pd.read_csv(scenario_folder(scenario_id) / "benchmarks.csv")
    screens: dict[str, set[str]] = {}
    for metric in benchmarks["metric"].unique():
        kept = set()
        for _, vendor in pool.iterrows():
            fits = benchmarks[
                (benchmarks["metric"] == metric) & benchmarks["region"].isin(["all", vendor["country"]])
            ]
            low, high = fits["low"].min(), fits["high"].max()
            value = float(vendor[metric])
            if (pd.isna(low) or value >= low) and (pd.isna(high) or value <= high):
                kept.add(str(vendor["id"]))
        screens[metric] = kept
    return screens


def _honest_attrition_in_range(scenario_id: str, pool: pd.DataFrame) -> set[str]:
    """S1/S2: the vendors whose attrition sits inside their country's range, read from an on-the-phones
    column where the table has one, and whose count leaves out no early leavers."""
    in_range = set()
    benchmarks = pd.read_csv(scenario_folder(scenario_id) / "benchmarks.csv")
    attrition = benchmarks[benchmarks["metric"] == "annual_attrition"]
    for _, vendor in pool.iterrows():
        rate = vendor.get("attrition_on_phones")
        rate = float(vendor["annual_attrition"]) if rate is None or pd.isna(rate) else float(rate)
        bounds = attrition[attrition["region"] == vendor["country"]].iloc[0]
        if bounds["low"] <= rate <= bounds["high"] and not EARLY_LEAVERS_LEFT_OUT.search(
            str(vendor["attrition_counted"])
        ):
            in_range.add(str(vendor["id"]))
    return in_range


# The screens of S3, S4 and S5: each keeps the vendors whose cell it finds.
CELL_SCREENS: dict[str, Callable[[str], bool]] = {
    "calibration with you twice a month or more": _calibrates_with_you_twice_a_month,
    "a QA lead or QA manager": lambda cell: bool(QA_OWNER.search(cell)),
    "a note on who employs or directs the agents": lambda cell: bool(EMPLOYER_NOTE.search(cell)),
}


def _cell_screens(cells: dict[str, object]) -> list[tuple[str, set[str]]]:
    """A ``screens_of`` for the column helper: the vendors whose cell each of S3-S5 keeps."""
    return [
        (name, {v for v, cell in cells.items() if kept(str(cell))}) for name, kept in CELL_SCREENS.items()
    ]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_honest_attrition_in_range_misses_the_shortlist(scenario_id):
    """S1, S2: keeping the vendors whose attrition is inside the range and counts early leavers (a count
    the course calls closable), among every pool a learner might screen: does it miss the key?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    for pool in _screen_pools(scenario_id):
        kept = _honest_attrition_in_range(scenario_id, pool)
        assert not _gives_the_shortlist(kept, _ids(pool), key), sorted(_ids(pool))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_lowest_attrition_figures_miss_the_shortlist(scenario_id):
    """S2b: keeping as many vendors as the key holds with the lowest attrition, read from an
    on-the-phones column where the table has one, ties any way, among every pool: does it miss?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    for pool in _screen_pools(scenario_id):
        rates = {}
        for _, vendor in pool.iterrows():
            rate = vendor.get("attrition_on_phones")
            rates[str(vendor["id"])] = -float(
                vendor["annual_attrition"] if rate is None or pd.isna(rate) else rate
            )
        assert key not in _possible_tops(rates, len(key)), sorted(_ids(pool))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_calibration_cadence_a_quality_owner_or_an_employer_note_misses_the_shortlist(scenario_id):
    """S3, S4, S5: keeping (or leaving out) the vendors whose cell in any column shows calibration with
    you at least twice a month, a QA lead or QA manager, or a note on who employs or directs the
    agents: does no such screen give the key?"""
    assert _column_screens_giving_the_shortlist(scenario_id, _cell_screens) == []
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    for pool in _screen_pools(scenario_id):
        for column in ("qa_method", "management_location", "notes"):
            cells = {str(r["id"]): r[column] for _, r in pool.iterrows()}
            for name, kept in _cell_screens(cells):
                assert not _gives_the_shortlist(kept, _ids(pool), key), (name, column, sorted(_ids(pool)))


def test_the_regex_screens_catch_what_gave_the_outdoor_shortlist_away():
    """Would the screens catch calibration with you twice a month against a monthly session, a QA lead
    against a QA analyst team, and a sister company's payroll?"""
    calibrates = _calibrates_with_you_twice_a_month
    assert calibrates("4 scored contacts per agent a month; calibration sessions with you twice a month")
    assert calibrates("weekly calibration with your QA lead for 3 months, then every 2 weeks")
    assert calibrates("6 calls scored in your phone platform; your QA lead calibrates with them every week")
    assert not calibrates("weekly calibration among its own analysts and a monthly session with your QA lead")
    assert QA_OWNER.search("Site director, account manager and QA lead") and not QA_OWNER.search(
        "a QA analyst team"
    )
    assert EMPLOYER_NOTE.search("Agents employed by a sister company")
    assert EARLY_LEAVERS_LEFT_OUT.search("only agents past their 90-day probation")
    assert not EARLY_LEAVERS_LEFT_OUT.search("every agent who left, trainees included")


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_an_interval_of_one_figure_and_one_benchmark_screen_miss_the_shortlist(scenario_id):
    """S6, S7: keeping the vendors with one figure inside an interval (seats up to 650, peak weeks from
    3 to 10) and, optionally, inside one benchmark range, among every pool: does no pair give the key?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    found = []
    for pool in _screen_pools(scenario_id):
        ids = _ids(pool)
        benches = {"none": ids, **_benchmark_screens(scenario_id, pool)}
        for column in pool.select_dtypes("number").columns:
            figures = {str(r["id"]): [float(r[column])] for _, r in pool.iterrows()}
            for kept in _interval_screens(figures):
                # Keeping only: leaving out the one vendor an interval holds points at it, not a screen.
                found += [
                    (column, bench, sorted(ids)) for bench, passed in benches.items() if kept & passed == key
                ]
    assert found == []


# Words that turn the word before them into its opposite: "signs no", "names no".
NEGATIONS = ("no", "not", "none", "never", "without")


def _word_pairs(cells: dict[str, str]) -> dict[str, set[str]]:
    """S9: for every word of a column, the vendors whose cell holds it, but not followed by a
    negation ("signs" but not "signs no")."""
    words = {v: ANY_WORD.findall(cell.lower()) for v, cell in cells.items()}
    # A pair never crosses a stop: in "named accounts; no removal time" no word is negated.
    clauses = {v: re.split(r"[;,.:]", cell.lower()) for v, cell in cells.items()}
    pairs = {
        v: {p for c in held for p in itertools.pairwise(ANY_WORD.findall(c))} for v, held in clauses.items()
    }
    vocabulary = set().union(*map(set, words.values()))
    return {
        f"{first} but not {first} {negation}": {
            v for v in cells if first in words[v] and (first, negation) not in pairs[v]
        }
        for first in vocabulary
        for negation in NEGATIONS
    }


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_a_word_without_its_negation_misses_the_shortlist(scenario_id):
    """S9: keeping the vendors whose cell holds a word but not that word followed by another ("signs"
    but not "signs no"), in one text column, among all vendors or those the hard rules leave: does no
    such screen give the key?"""
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    text = set(_text_columns(sheets))
    found = _column_screens_giving_the_shortlist(
        scenario_id, lambda cells: _word_pairs({v: str(c) for v, c in cells.items()}).items()
    )
    assert [f for f in found if f[0] in text] == []


def test_the_word_pair_screen_catches_signs_but_not_signs_no():
    """Would the word-pair screen find "signs" but not "signs no", which once gave clinics' key away?"""
    cells = {"b": "signs a BAA", "c": "signs no BAA", "d": "a BAA with each client", "e": "signs BAAs"}
    assert _word_pairs(cells)["signs but not signs no"] == {"b", "e"}
    assert _word_pairs({"a": "named accounts; no removal time"})["accounts but not accounts no"] == {"a"}


def _texts_by_reading(
    scenario_id: str, table: dict[str, dict[str, tuple[str, ...]]], read: Callable[[str], str]
) -> set[str]:
    """The vendors a reader puts on one side of a tone screen: those whose text holds a listed phrase."""
    marked = {
        vendor_id
        for vendor_id, phrases in table[scenario_id].items()
        if any(p.lower() in " ".join(read(vendor_id).split()).lower() for p in phrases)
    }
    assert marked, "the reading must still find the phrases it lists"
    return marked


def _title(scenario_id: str, vendor_id: str) -> str:
    text = (scenario_folder(scenario_id) / f"vendor_{vendor_id}.md").read_text(encoding="utf-8")
    return text.strip().splitlines()[0]


def _note(scenario_id: str, vendor_id: str) -> str:
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    return str(sheets.set_index("id").loc[vendor_id, "notes"])


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("screen", ["notes", "titles"])
def test_the_tone_of_the_notes_or_the_titles_misses_the_shortlist(scenario_id, screen):
    """S8, S10: keeping the vendors whose notes only explain (or whose proposal titles are plain), or
    leaving them out, among every pool: does the tone a reader hears miss the key?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    if screen == "notes":
        marked = _texts_by_reading(scenario_id, NOTES_THAT_STATE_A_PROBLEM, lambda v: _note(scenario_id, v))
    else:
        marked = _texts_by_reading(scenario_id, PITCHED_TITLES, lambda v: _title(scenario_id, v))
    for pool in _screen_pools(scenario_id):
        assert not _gives_the_shortlist(marked & _ids(pool), _ids(pool), key), sorted(_ids(pool))


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_no_word_of_the_proposal_titles_gives_the_shortlist(scenario_id):
    """S10: keeping the vendors whose proposal title holds a given word or short phrase, among every
    pool: does no such screen give the key?"""
    key = set(perfect_answer(_scenario(scenario_id).decision("shortlist")))
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    # Not after the staff-supply ban too: with one vendor left outside the key, any word of its
    # title alone would leave it out, which points at the vendor rather than screening.
    for pool in _pools(scenario_id, sheets):
        titles = {v: _title(scenario_id, v) for v in _ids(pool)}
        assert [
            t for t, kept in _token_screens(titles).items() if _gives_the_shortlist(kept, _ids(pool), key)
        ] == []


# --------------------------------------------------------------------------- review-order anchors (round 11)


def _deadline_anchored_cost_sorts(decision, *, leaders_first: bool) -> list[list[str]]:
    """S-anchors: the review whose lead time the brief gives first (or second, after the leaders),
    the leaders' interview, the rest sorted on their cost tags (an hour < an afternoon < a trip or a
    day or two < weeks), ties in any order, and the follow-up last."""
    labels = {o.id: o.label for o in decision.options}
    deadline = decision.key[0]
    middles = [r for r in _anchored_middles(decision) if r != deadline]
    ranked = sorted(middles, key=lambda review: _cost_rank(labels[review]))
    ties = [list(group) for _, group in itertools.groupby(ranked, key=lambda r: _cost_rank(labels[r]))]
    opening = ["leadership", deadline] if leaders_first else [deadline, "leadership"]
    return [
        [*opening, *(review for group in choice for review in group), "follow-up"]
        for choice in itertools.product(*(itertools.permutations(group) for group in ties))
    ]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("leaders_first", [False, True])
def test_the_deadline_review_the_leaders_and_a_cost_sort_earn_at_most_three_quarters(
    scenario_id, leaders_first
):
    """Putting the review whose lead time sets the launch and the leaders' interview first, the
    follow-up last and the rest in order of their cost tags: does every such order earn three
    quarters of the points or less, so that what each check reads must be worked out?"""
    decision = _scenario(scenario_id).decision("review_order")
    orders = _deadline_anchored_cost_sorts(decision, leaders_first=leaders_first)
    shares = {tuple(order): _share(decision, order) for order in orders}
    assert max(shares.values()) <= ANCHORED_COST_SORT_CEILING, shares


def test_the_deadline_anchor_check_catches_the_order_the_review_scored():
    """Would the check catch the order the round-11 review scored at 26 of 28 pairs: a key whose
    only dependency is one cheap check after two dearer ones, scored by pairs alone?"""
    decision = _scenario("vendors-outdoorgear").decision("review_order")
    uncapped = decision.model_copy(update={"caps": []})
    shares = [_share(uncapped, o) for o in _deadline_anchored_cost_sorts(uncapped, leaders_first=False)]
    assert max(shares) > ANCHORED_COST_SORT_CEILING


# The words with which a brief hands the learner the review that goes first.
DEADLINE_READ_OFF = re.compile(
    r"no later than the day you set the shortlist|start(s)? the day", re.IGNORECASE
)


# How long the review that sets the launch takes, as each brief writes it.
DEADLINE_REVIEW_WEEKS = {"vendors-clinics": "fourteen", "vendors-outdoorgear": "eight"}


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_brief_gives_dates_not_the_first_step(scenario_id):
    """Does the brief give the review's weeks and the dates, so that its first place is worked out,
    and not say that it starts on shortlist day?"""
    brief = _flat(_scenario(scenario_id).brief)
    assert not DEADLINE_READ_OFF.search(brief), DEADLINE_READ_OFF.search(brief)
    assert f"{DEADLINE_REVIEW_WEEKS[scenario_id]} weeks" in brief and "shortlist on" in brief


# --------------------------------------------------------------------------- the shortlist view's verdicts

# The clauses with which the shortlist view judges a figure, and so says which red-flag statements are
# flags: a favourable attrition count with early leavers on top, an honest one with fewer seats
# changing hands, a peak answered by agents still learning or hired in a hurry, a notice too short.
VERDICT_CLAUSES = (
    "early leavers on top",
    "come on top",
    "fewer of your seats change hands",
    "every leaver counted",
    "still learning",
    "in a hurry",
    "can finish",
    "more than the",
)


def _verdicts_in_view(lab) -> list[str]:
    """The verdict clauses the shortlist view shows a learner, every vendor shortlisted."""
    lab.record("shortlist", list(lab.table("vendors")["id"]))
    view = lab.consequences("shortlist")
    text = _flat(view.summary + " " + view._repr_html_())
    return [clause for clause in VERDICT_CLAUSES if clause in text]


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_practice_view_judges_no_figure_while_the_red_flags_are_open(practice, scenario_id):
    """In practice, with the red flags unanswered or only partly right, does the shortlist view give
    each vendor's figures side by side with no verdict clause, so that shortlisting every vendor does
    not say which attrition counts and peak promises are flags the learner has not ticked?"""
    lab = open_lab(LAB, practice, scenario=scenario_id)
    assert _verdicts_in_view(lab) == []
    flags = perfect_answer(lab.decision("red_flags"))
    lab.record("red_flags", flags[:-1])
    assert _verdicts_in_view(lab) == []


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_practice_view_judges_the_figures_once_the_red_flags_cannot_leak(practice, scenario_id):
    """In practice, once every red flag is ticked and nothing more, or the red flags' expert answer is
    revealed, does the shortlist view judge the figures again (early leavers on top, still learning)?"""
    lab = open_lab(LAB, practice / "right", scenario=scenario_id)
    lab.record("red_flags", perfect_answer(lab.decision("red_flags")))
    assert "early leavers on top" in _verdicts_in_view(lab)
    assert "still learning" in _verdicts_in_view(lab)
    revealed = open_lab(LAB, practice / "revealed", scenario=scenario_id)
    revealed.record("red_flags", [o.id for o in revealed.decision("red_flags").options if not o.correct][:1])
    assert _verdicts_in_view(revealed) == []
    revealed.reveal("red_flags")
    assert "early leavers on top" in _verdicts_in_view(revealed)


# --------------------------------------------------------------------------- screens of the vendors table


def _benchmark(scenario_id: str, metric: str, country: str) -> tuple[float, float]:
    """The low and high ends of a benchmark range for a vendor in ``country`` (a blank end is open)."""
    ranges = pd.read_csv(scenario_folder(scenario_id) / "benchmarks.csv")
    row = ranges[(ranges["metric"] == metric) & ranges["region"].isin(["all", country])].iloc[0]
    low = float(row["low"]) if not pd.isna(row["low"]) else float("-inf")
    high = float(row["high"]) if not pd.isna(row["high"]) else float("inf")
    return low, high


def _counts_every_leaver(row: pd.Series) -> bool:
    return str(row["attrition_counted"]).lower().startswith("every")


def _honest_count_fast_enough_trained_in_range(scenario_id: str, row: pd.Series) -> bool:
    """Screen 1: attrition counts every leaver, the peak comes after training, training in its range."""
    low, high = _benchmark(scenario_id, "training_weeks", row["country"])
    return (
        _counts_every_leaver(row)
        and row["scale_up_weeks"] >= row["training_weeks"]
        and low <= row["training_weeks"] <= high
    )


def _mexican_in_rate_range_honest_count(scenario_id: str, row: pd.Series) -> bool:
    """Screen 2: a Mexican site, a rate inside its range, attrition counting every leaver."""
    low, high = _benchmark(scenario_id, "rate_per_paid_hour", row["country"])
    return (
        row["country"] == "Mexico" and low <= row["rate_per_paid_hour"] <= high and _counts_every_leaver(row)
    )


TABLE_SCREENS = {
    "every leaver, peak after training, training in range": _honest_count_fast_enough_trained_in_range,
    "Mexico, rate in range, every leaver": _mexican_in_rate_range_honest_count,
}


def _table_screen_points(scenario_id: str, sheets: pd.DataFrame) -> dict[str, float]:
    decision = _scenario(scenario_id).decision("shortlist")
    return {
        name: score_decision(
            decision, [str(r["id"]) for _, r in sheets.iterrows() if screen(scenario_id, r)]
        ).points
        for name, screen in TABLE_SCREENS.items()
    }


@pytest.mark.parametrize("scenario_id", SCENARIOS)
def test_the_vendors_table_alone_earns_at_most_half_the_shortlist(scenario_id):
    """Taking forward the vendors whose attrition counts every leaver, whose peak comes after their
    training and whose training sits in its range, or the Mexican ones billing inside the range
    whose attrition counts every leaver: does each such screen, read off the vendors table without
    opening a proposal, earn at most half the shortlist's points?"""
    sheets = pd.read_csv(scenario_folder(scenario_id) / "vendors.csv")
    points = _table_screen_points(scenario_id, sheets)
    half = _scenario(scenario_id).decision("shortlist").points / 2
    assert all(p <= half for p in points.values()), points


def test_the_table_screens_catch_the_clinics_table_where_every_finalist_counted_every_leaver():
    """Would the screens have earned full marks on the clinics table in which Almena, like Vireo,
    counted every leaver, so that every excluded vendor carried a mark in the table and no finalist did?"""
    sheets = pd.read_csv(scenario_folder("vendors-clinics") / "vendors.csv")
    sheets.loc[sheets["id"] == "e", "attrition_counted"] = "every agent who left, trainees included"
    full = _scenario("vendors-clinics").decision("shortlist").points
    assert set(_table_screen_points("vendors-clinics", sheets).values()) == {full}


# --------------------------------------------------------------------------- compliance questions

# The most a word screen of the compliance questions may earn, as a share of the decision's points.
WORD_SCREEN_CEILING = 0.25
# Words that once marked the keyed questions in both scenarios: the two-part question ("... and can
# you see its REPSE registration?") and the demand for evidence.
QUESTION_SCREENS = (" and ", "can you see")


def _question_screen_share(decision, words: str) -> float:
    ticked = [o.id for o in decision.options if words in o.label.lower()]
    return score_decision(decision, ticked).points / decision.points


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("words", QUESTION_SCREENS)
def test_ticking_the_two_part_questions_earns_at_most_a_quarter(scenario_id, words):
    """Ticking every compliance question whose label contains " and " (or "can you see"): does that
    earn at most a quarter of the points, so that a question's shape does not mark it as one to ask?"""
    decision = _scenario(scenario_id).decision("compliance_questions")
    assert _question_screen_share(decision, words) <= WORD_SCREEN_CEILING


def test_the_question_screen_catches_keyed_questions_that_alone_ask_two_things():
    """Would the screen catch a question set where only the keyed questions (and one other) ask two
    things, as both scenarios once had (60 % of the points)?"""
    decision = _scenario("vendors-outdoorgear").decision("compliance_questions")
    old = decision.model_copy(
        update={
            "options": [
                o.model_copy(update={"label": o.label.replace(" and ", ", ")})
                if not o.correct and o.id != "hipaa"
                else o
                for o in decision.options
            ]
        }
    )
    assert _question_screen_share(old, " and ") > WORD_SCREEN_CEILING
