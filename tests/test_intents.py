"""Chat messages read by meaning: nearest examples in the shipped bank, with the real sentence
model, measured on the labelled set in tests/data/messages.yaml (written apart from the bank)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from journey_assistant.understanding.intents import IntentReader, example_bank

MESSAGES = Path(__file__).parent / "data" / "messages.yaml"


class Counting:
    """The shared embedder, counting how many texts it embeds."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.texts = inner, inner.name, 0

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.texts += len(texts)
        return self.inner.embed(texts)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("intent-cache")


@pytest.fixture(scope="module")
def reader(cache: Path) -> IntentReader:
    from journey_assistant.knowledge.embeddings import get_embedder

    return IntentReader(Counting(get_embedder("local")), cache_dir=cache)


def test_the_bank_is_large_and_covers_every_intent() -> None:
    intents = yaml.safe_load(
        (Path(__file__).parents[1] / "src/journey_assistant/understanding/intents.yaml").read_text()
    )["intents"]
    bank = example_bank()
    assert len(bank) >= 800 and {i for i, _ in bank} == set(intents)


def test_labelled_messages_are_read_by_meaning(reader: IntentReader) -> None:
    messages = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
    readings = reader.read_many(
        [(m["text"], m.get("context", "none") != "none", bool(m.get("pending"))) for m in messages]
    )
    right = [r.intent == m["intent"] for r, m in zip(readings, messages, strict=True)]
    assert len(messages) >= 300
    # The nearest example alone read 0.815 (held out 0.774); the classifier 0.939 (0.945).
    assert sum(right) / len(right) >= 0.92


def test_the_assistant_acts_on_what_labelled_messages_mean() -> None:
    """The whole offline router, each message in its state (map in view, proposal waiting):
    the intent it acted on. A clarifying question counts as a miss. Now 0.950 (the held-out
    set: 0.932); before the classifier led the router: 0.81 (0.84)."""
    from journey_assistant.evaluation.messages import score_messages

    score = score_messages(MESSAGES, Path(__file__).parent / "data" / "context_maps")
    assert len(score.gold) >= 300
    assert score.accuracy >= 0.94, score.confusions().most_common(10)
    assert score.help_shown <= 0.02 * len(score.gold)  # timing: benchmarks/bench_chat.py


@pytest.mark.parametrize(("name", "count"), [("chat-dev6", 260), ("chat-dev7", 220)])
def test_blind_development_sets_are_read_as_labelled(name: str, count: int) -> None:
    """Two development sets written blind to the code in session 11 (evals/devsets/messages/),
    through the whole router: the sixth over every intent, the seventh over neighbouring
    intents ("is this any good?" / "what's not in it?" / "make it better"). First readings,
    before any change made for them: 0.915 (edits said around remarks read as facts about the
    business, "onboarding b4 contract pls", "hygienist & recall -> Ongoing care") and 0.950
    ("add NPS to the review stage" read as a touchpoint, "we could fix X by Y at Z"); after:
    0.992 and 0.991."""
    from journey_assistant.evaluation.messages import score_messages

    maps = Path(__file__).parent / "data" / "context_maps"
    devset = Path(__file__).parents[1] / f"evals/devsets/messages/{name}.yaml"
    score = score_messages(devset, maps)
    assert len(score.gold) == count
    assert score.accuracy >= 0.97, score.confusions().most_common(5)
    assert score.help_shown == 0


# Sets written blind to the code, through the whole router: (file, messages, intents at
# least, messages with details, details read right at least, canned help at most). Gates hold
# what is reached; the first readings, before any change made for a set, were:
# - chat-dev9 (session 12, 300, every intent, most with details): intents 0.940, details
#   121/139, help 1; after 0.960, 129/139 (misspelt phase words such as "chekout", "stage
#   two", "the 4th stage should be called X", "bin 1 and 3").
# - chat-dev10 (session 12, messy typing and dictation): 0.920, 110/138, help 0; after 0.933,
#   119/138 (asides in brackets, "the frustration that", "= 4", "a five"): below the issue's
#   bar (0.95 and 0.90), which this gate does not claim.
# - chat-dev11 (session 13, the first ten minutes of a conversation, polite wrappers and
#   questions about the map): 0.950, 132/143, help 0, the bar met at first reading; after
#   0.990, 140/143 ("add a kpi to the wait stage" asks which KPI instead of adding a stage
#   called "Kpi to the wait", "who should own onboarding? put Customer Success down").
# - chat-dev12 (session 13, 240 messages, 190 edits phrased every way a marketer might): 0.958,
#   177/205 (0.863): below the bar on details; after 0.967, 190/205 ("onboarding pain point
#   CSV import fails", "the payroll one needs a pain point, X", "X should be split into A and
#   B", "patients say X, add that as a pain point").
# - chat-dev13 (session 14, 240 messages, 170 edits as busy marketers type them): 0.929,
#   143/180 (0.794), help 0: below the bar on both; after 0.954, 172/180 (reasons cut from
#   names, "X is a better name for Y", "Y needs renaming to X", "break X up into two stages,
#   A and B", "X -> split into A and B", "before the first stage", "the lowest it can go",
#   "welcome email for first payroll", "add a pain point to contract the docusign link…", a
#   stage removal only with a word of removing, "the hygienists own the recall stage").
# - chat-dev15 (session 14, 160 messages: second-language English, terse, explain-then-ask,
#   stages named only indirectly): 0.863, 96/149 (0.644): far below the bar; after 0.906,
#   106/149 (0.711): the request read from the last sentence when the whole is unsure,
#   "second to last", "the bit where they pay", "at start", "name of it is X", a rename said
#   in any order ("the stage where they ring up to book, can that be renamed Booking?"),
#   the kind of item named outright ("can you put that in as an opportunity?", "pain: X").
#   chat-dev14 (session 14, 200, never looked at) is scored only: 0.950/118 of 155 at the
#   session's start, 0.960/120 after. Session 15: dev15 114/149 (stages said by what
#   customers do past the map's own nouns, "where they pick the cake up"; who reports a
#   problem cut from it, "Finance leads keep telling us X"; "X would help - add it as an
#   opportunity"; "on the stage before the treatment plan" is the check-up; "the second to
#   last stage"; a quoted name without its quotes); dev15 119/149,
#   dev14 124/155.
# - chat-dev16 (session 15, 200 messages: polite with reasons, dictated run-ons, typos and
#   abbreviations, stages by what customers do, explain-then-ask): 0.910, 125/167 (0.749)
#   with the session's starting code; 129/167 after, not tuned on. Session 16 tuned on it:
#   0.930, 148/167 (the one sentence that asks read apart from the ones saying why; where it
#   happens said first, "when they're comparing vendors, add …"; "1st", "appt", "@"; the
#   request read without its reason; "add opp to X").
# - chat-dev17 (session 16, 200 messages: frustrated, hedged, shorthand, stages by position,
#   mixed spelling) is kept aside, scored only: 0.880, 127/170 (0.747) with the session's
#   starting code, the same after the changes made for dev16, 0.890, 128/170 after those made
#   for dev18.
# - chat-dev18 (session 16, 240 messages in the same five styles, written separately): 0.904,
#   151/202 (0.748) at first reading; after 0.9375, 175/202: the request said plainly (no
#   annoyance before it, ", not X" after it, no hedging, "would X count as a pain point for
#   Y?" as the request it asks), shorthand ("tp X: …", "pp X: …", "emo X -> 3", "X -> 1st",
#   "A+B → 1 stage", "rm X").
# - chat-dev19 (session 17, 240 messages: dictated, second-language English, polite and
#   corporate, context first, terse with typos): 0.929, 158/201 (0.786) at first reading;
#   after 0.946, 183/201: courtesies around the request left out ("Hi there, hope you're
#   well. … Many thanks."), a request that points back said in full ("Patients say X, so
#   could you add that as a pain point on the plan stage?", "X would be a nice opportunity
#   for Y. Could you pop it on?"), "assign/setting X as owner of Y", "Sarah, the practice
#   manager", "touch point called …", "tp", phone slips ("mv", "aftr", "rmv", "teh"),
#   "would you mind adding", "kindly", a trailing "pls", "rm X frm Y", "in one stage".
#   chat-dev16 0.935, 149/167 after these.
# - chat-dev20 (session 18, 220 messages: self-corrections, context first, stages named
#   indirectly, hurried, dictation, shorthand): 0.909, 69/109 at first reading; after
#   0.914, 84/109: a correction put in place of what it corrects ("after X, no wait, after
#   Y", "to 2, actually make that 1", "rename A to B, hmm, no, make it C"), dictation written
#   ("full stop", "two" heard for "to").
# - chat-dev21 (session 19, 220 messages: polite and indirect, frustrated, negation and
#   contrast, stages named by what is in them, CX jargon, messaging-app style): 0.918, 84/131
#   at first reading; after 0.936, 102/131: the asked-for value of a contrast read in place of
#   the one it is set against ("don't delete Trial, delete Demo", "not a 2, a 3", "X isn't A,
#   it's B", "keep A, remove B", ", not First visit"), jargon made plain ("sunset",
#   "upstream of", "decompose"), emoji dropped, an example taken as the value ("to something
#   friendlier, like X", ", say X").
# - session 25: a stage said by what happens in it ("the stage where they serve the cake at
#   the party", "the one with the first examination") is read by meaning (understanding/
#   described.py): dev20 84 -> 93, dev21 102 -> 107 (dev15 121 -> 120, dev16 149 -> 150); kept
#   aside, dev14 128 -> 130, dev17 128 -> 129, the held-out set 44 -> 44 of 55.
# - chat-dev22 (session 26, 200 messages: voice-typed, stages by what happens in them,
#   a reason with the request, terse expert shorthand, second-language English): 0.885,
#   81/125 at first reading; after 92/125: a time said by what customers do then ("the
#   moment they're in the chair having a filling", "for when they're comparing vendors",
#   "when the annual contract comes up again") read by meaning like "the stage where …";
#   "kind of neutral", "very high, five", "really bad"; an item without its lead-in ("like
#   a text the day after", "would be good a filter by allergen", "must be the time of wait",
#   "it is Priya"), "how many" kept; 93 once the owner is read without "It is". dev19
#   183 -> 185, dev20 93 -> 94; kept aside, dev14 130 -> 131, dev17 and the held-out set
#   unchanged.
# - session 31: the reason after a name ("called transport home cause people have to …"),
#   "that"/"them" pointing back to a name or team said before ("they all just say Trigger.
#   Can you rename it to that?"), "also the TikTok", "two" heard for "to" in a rename, "+ X":
#   dev15 120 -> 123, dev19 185 -> 186, dev22 93 -> 96; kept aside unchanged (304/380).
# - session 32: terse forms ("add stage: X, before Y", "split A → B / C", "opp Y → X", "+ X on
#   Y"), a remark before ", so add …", "take the X stage out", a contract that "comes up again"
#   as the renewal, a measure with the moment it is taken, and channel words read only at a
#   word's start ("happier" is no app): dev21 112 -> 113, dev22 96 -> 112; kept aside, dev14
#   131 -> 133 and dev17 129 -> 131 (intents 192 -> 193, 178 -> 179), the held-out set unchanged.
#   Then expert shorthand ("attach NPS to X as the lagging indicator", "an Awareness phase", "as
#   stage owner"), the stage named before ", it's redundant with …", and what an emotion "should
#   be" over what it is: dev21 113 -> 119, dev15 123 -> 124, dev16 149 -> 150. Then "Stage 2
#   rename: X", "<the stage said>, owner is X", "put on neutral": dev20 95 -> 98, dev21 -> 120.
# - session 43: chat-dev23 and chat-dev24 (150 each, written blind by a helper who saw only
#   intents.yaml, the format and four maps of businesses the chat was never tuned on: a mobile
#   dog groomer, a village hall, a pump maker, a council's bulky-waste service, each with two
#   personas, so persona edits are scored too). dev23 tuned on: intents 0.953 -> 0.993,
#   details 58 -> 75 of 81 (a hyphen or a plural the stage's name lacks, "rebooking", the
#   stage sharing most words, "no, sorry, before …", "to just X", "an opportunity to do X",
#   "owners" kept in a pain, "one called A and one called B", "up one", "NOT a 1", persona
#   edits with "+=", "shd say", "Sita's", "pams", channels, "X vs Y", "Session emotion -> 1",
#   the stage said first and the item after a colon). dev24 kept aside, scored only: 0.927 ->
#   0.947, 62 -> 71 of 83; chat-dev14 133 -> 132 (not looked at), dev16 151 -> 152, dev22 112
#   -> 113. Then chat-dev25 (tuned) and chat-dev26 (kept aside), 150 each, written blind on
#   seven maps (a driving school, a coworking space and a vet practice added), mostly edits
#   with details. Before any of this session's changes: 0.893/80 of 111 and 0.893/92; after
#   the dev23 work, untouched by either: 0.913/88 and 0.920/95; after tuning on dev25 (owners
#   pointed back with "her"/"them", a score said without an emotion word, "at 1 is too
#   harsh", a stage named whole with "in" in it, "&" inside a part, what someone hands or
#   sends to whom, "(physical)", "delete <stage>, …", persona text without its reason):
#   0.980/97 and 0.933/96.
# Session 44: chat-dev27 (tuned) and chat-dev28 (kept aside), 150 each, written blind on the
#   seven maps in new styles (a manager delegating, Slack shorthand, a stage said by a word of
#   its touchpoints, a persona described rather than named, "merge 2+3"): 0.913/74 of 109 and
#   0.880/78 of 107 at the start; after tuning on dev27 (a stage by what its touchpoints say,
#   personas by description or role and misspelt parts, quotes holding an apostrophe, "No
#   wait, a 2", "no a 2", stages by number alone, "… so drop it to a 1", "what's JA214
#   about?", an item keeping its own "for" and "in"): 0.973/97 and 0.900/86.
# Session 45: chat-dev29 (tuned) and chat-dev30 (kept aside), 150 each on the seven maps, in
#   new styles (autocorrect damage, very formal, second-language grammar, a story first, a
#   stage by what happens there or by its place, negative phrasing, odd quote marks, personas
#   by description): 0.887/93 of 123 and 0.887/87 of 125 at the start; after tuning the slots
#   on dev29 (the quoted words whole, owners however they are named, a remark after a short
#   name, the score wanted over the one it is now): 0.887/109 and 0.887/90. Examples added to
#   the bank for personas described with a relative clause lifted both sets' intents (0.907,
#   0.913) but moved four others below their floors by a message each, so they were left out.
@pytest.mark.parametrize(
    ("name", "count", "intents", "with_details", "details", "help_at_most"),
    [
        ("chat-dev9", 300, 0.97, 139, 133, 6),
        ("chat-dev10", 300, 0.94, 138, 127, 0),
        ("chat-dev11", 300, 0.99, 143, 141, 0),
        ("chat-dev12", 240, 0.966, 205, 196, 0),
        ("chat-dev13", 240, 0.954, 180, 172, 0),
        ("chat-dev15", 160, 0.9, 149, 130, 0),
        ("chat-dev16", 200, 0.935, 167, 152, 0),
        ("chat-dev17", 200, 0.89, 170, 132, 0),
        ("chat-dev18", 240, 0.937, 202, 177, 0),
        ("chat-dev19", 240, 0.945, 201, 188, 0),
        ("chat-dev20", 220, 0.913, 109, 101, 0),
        ("chat-dev21", 220, 0.936, 131, 121, 0),
        ("chat-dev22", 200, 0.885, 125, 114, 0),
        ("chat-dev23", 150, 0.99, 81, 75, 0),
        ("chat-dev24", 150, 0.94, 83, 74, 0),
        ("chat-dev25", 150, 0.98, 111, 98, 0),
        ("chat-dev26", 150, 0.933, 111, 96, 0),
        ("chat-dev27", 150, 0.973, 109, 97, 0),
        ("chat-dev28", 150, 0.9, 107, 86, 1),
        ("chat-dev29", 150, 0.886, 123, 109, 0),
        ("chat-dev30", 150, 0.886, 125, 90, 0),
    ],
)
def test_later_blind_sets_are_read_at_least_as_well_as_now(
    name: str, count: int, intents: float, with_details: int, details: int, help_at_most: int
) -> None:
    from journey_assistant.evaluation.messages import score_messages, score_slots

    maps = Path(__file__).parent / "data" / "context_maps"
    devset = Path(__file__).parents[1] / f"evals/devsets/messages/{name}.yaml"
    score = score_messages(devset, maps)
    assert len(score.gold) == count
    assert score.accuracy >= intents, score.confusions().most_common(5)
    assert score.help_shown <= help_at_most
    read = score_slots(devset, maps)
    assert read.total == with_details and read.right >= details, read.misses[:5]


@pytest.mark.parametrize(
    ("context", "text", "intent", "says"),
    [
        ("bakery", "add a kpi to the collect stage", "add_kpi", "Which KPI should go on **Collect"),
        ("bakery", "add a stage after browse called Tasting", "add_stage", "'Tasting' after"),
        ("bakery", "can you put a metric on every stage", "stage_kpis", "How to measure"),
        ("bakery", "Sam on the shop floor owns collection", "add_owner", "owner of 'Collect"),
        ("bakery", "first persona, add a goal: order without phoning", "edit_persona",
         "no personas yet"),
        ("dentist", "rename the third stage Your first visit", "rename_stage",
         "'Your first visit'"),
        ("saas", "trial kpi sandbox-to-paid conversion", "add_kpi", "Sandbox-to-paid"),
        ("saas", "the contract one needs a pain point, redlines go back and forth for weeks",
         "add_pain_point", "Redlines go back and forth for weeks"),
        ("bakery", "customers say the gallery loads slowly, add that as a pain point on browse",
         "add_pain_point", "The gallery loads slowly"),
        ("bakery", "collect in shop should be split into Queue and Handover", "split_stage",
         "'Queue'"),
        # session 14: no stage removal without a word of removing, no move over a sure reading
        ("dentist", "the hygienists own the recall stage", "add_owner",
         "make 'Hygienists' an owner of 'Hygienist and recall'"),
        ("dentist", "patients are delighted after their treatment so make treatment a five",
         "set_emotion", "'Treatment' to 5"),
        ("dentist", "drop the google maps listing under find a dentist we dont pay for it anymore",
         "remove_touchpoint", "'Google Maps listing'"),
        ("saas", "we lose a lot of people after the demo, like 60%", "business_fact", "Noted"),
        ("saas", "can you add a pain point to contract the docusign link expires after 48 hours",
         "add_pain_point", "The docusign link expires after 48 hours"),
        ("bakery", "Pick-up day is a better name for the collection stage", "rename_stage",
         "'Pick-up day'"),
        # what is left once the stage and the asking are taken out
        ("bakery", "idea on checkout let people pay the balance by card link", "add_opportunity",
         "Let people pay the balance by card link"),
        ("saas", "remove the second to last stage", "remove_stage", "- stage First payroll"),
        ("bakery", "can we get a stage called Delivery right after the bit where they pay",
         "add_stage", "'Delivery' after 'Order and pay'"),
        ("dentist", "The stage where they ring up to book, can that be renamed Booking?",
         "rename_stage", "'Booking'"),
        ("dentist", "Our phone line is engaged most mornings and people just give up and try "
         "another practice. Can you log that as a pain point on booking?", "add_pain_point",
         "Phone line is engaged most mornings"),
        ("bakery", "People ask for a message on the cake but there is nowhere to type it at "
         "checkout. We could add a free-text field. Can you put that in as an opportunity?",
         "add_opportunity", "'Add a free-text field'"),
        ("saas", "merge first payroll into onboarding since the implementation manager runs "
         "the first one with them anyway", "merge_stages",
         "merge 'Onboarding' and 'First payroll'"),
        ("saas", "get rid of the dashboard touchpoint on first payroll", "remove_touchpoint",
         "'Payroll dashboard'"),
        ("saas", "spoke to two customers today and the main thing was, for the trial stage add a "
         "pain point the sandbox forgets their settings overnight which is really frustrating",
         "add_pain_point", "'Sandbox forgets their settings overnight'"),
        # the request read without the reason after it
        ("bakery", "add email to wait for the day because people keep asking when it's ready",
         "add_touchpoint", "add touchpoint 'Email' to 'Wait for the day'"),
        # notes-style shorthand
        ("bakery", "pp browse cakes: no prices on the gallery", "add_pain_point",
         "add pain point 'No prices on the gallery' to 'Browse cakes'"),
        ("bakery", "tp collect in shop: sms", "add_touchpoint",
         "add touchpoint 'SMS' to 'Collect in shop'"),
        ("bakery", "rm celebrate", "remove_stage", "remove stage 'Celebrate'"),
    ],
)  # fmt: skip
def test_plain_requests_are_not_misread_as_another_edit(
    context: str, text: str, intent: str, says: str
) -> None:
    from journey_assistant.agent.assistant import Assistant, Session
    from journey_assistant.api import load_map

    session = Session(id="plain")
    session.map = load_map(Path(__file__).parent / "data" / "context_maps" / f"{context}.json")
    reply = Assistant(session, search=lambda query, k: []).respond(text)
    assert reply.intent == intent and says in reply.text, (reply.intent, reply.text[:200])


def test_the_conversation_state_changes_the_reading(reader: IntentReader) -> None:
    assert reader.read("yes please", has_map=True, pending=True).intent == "accept"
    waiting = reader.read("go ahead with those", has_map=True, pending=True)
    idle = reader.read("go ahead with those", has_map=True, pending=False)
    assert waiting.intent == "accept" and idle.confidence < waiting.confidence
    assert reader.read("what's missing?", has_map=True).intent == "whats_missing"
    assert reader.read("Which stage hurts the most?", has_map=True).intent == "rank_stage"
    assert reader.read("hi there!", has_map=False).intent == "greeting"


def test_a_weak_reading_says_it_is_unsure_and_offers_alternatives(reader: IntentReader) -> None:
    vague = reader.read("hmm, the thing with the stuff", has_map=True)
    assert vague.unsure and len(vague.alternatives) == 2
    clear = reader.read("undo that", has_map=True)
    assert clear.intent == "undo" and not clear.unsure and clear.example


def test_bank_vectors_are_cached_and_reused(reader: IntentReader, cache: Path) -> None:
    reader.read("critique the map", has_map=True)
    assert list(cache.glob("intents-*.npy"))
    from journey_assistant.knowledge.embeddings import get_embedder

    again = Counting(get_embedder("local"))
    fresh = IntentReader(again, cache_dir=cache)
    assert fresh.read("critique the map", has_map=True).intent == "critique"
    assert again.texts == 1  # only the message: the bank came from the cache


# --- the chat answers ordinary messages (the examples, offline engine) -----------------


@pytest.fixture()
def bakery_chat() -> Any:
    from journey_assistant import load_map
    from journey_assistant.agent.assistant import Assistant, Session

    chat = Assistant(Session(id="t"))
    chat.session.map = load_map(Path(__file__).parent / "data" / "context_maps" / "bakery.json")
    return chat


def test_first_messages_get_answers_not_the_help_text() -> None:
    from journey_assistant.agent.assistant import HELP, Assistant, Session

    chat = Assistant(Session(id="t"))
    drafted = chat.respond(
        "Hi! I run a vegan bakery with two shops. Can you help me map how customers order "
        "celebration cakes?"
    ).text
    assert drafted.startswith("Drafted") or "tell me" in drafted.lower()
    assert "outside what I do" in Assistant(Session(id="u")).respond("what's the weather?").text
    interview = Assistant(Session(id="v")).respond("I've never made a journey map").text
    assert "one question at a time" in interview and HELP not in interview


def test_questions_about_the_map_are_answered_from_it(bakery_chat: Any) -> None:
    missing = bakery_chat.respond("what's missing?").text
    assert missing.startswith("What the map is missing")
    kpis = bakery_chat.respond("how do I measure success for each stage?").text
    assert kpis.startswith("How to measure each stage")
    for stage in bakery_chat.session.map.stages:
        assert stage.name in kpis
    hurts = bakery_chat.respond("Which stage hurts the most?").text
    assert "hurts most" in hurts or "no emotions or pain points" in hurts


def test_state_words_are_answered_for_the_state_they_are_in(bakery_chat: Any) -> None:
    assert "Nothing is waiting" in bakery_chat.respond("yes please").text
    assert "PDF isn't one of the formats" in bakery_chat.respond("export it as a PDF").text
    markdown = bakery_chat.respond("export it, but not as a PDF - markdown please").text
    assert "PDF isn't" not in markdown, markdown
    assert (
        "no change accepted in this conversation to undo" in bakery_chat.respond("undo that").text
    )


def test_an_unclear_message_gets_one_question_with_the_likeliest_readings(
    bakery_chat: Any,
) -> None:
    reply = bakery_chat.respond("hmm the thing").text
    assert reply.startswith("I'm not sure what you'd like. Did you mean to")
    assert reply.count(", or to ") == 1


# --- which stage a user means ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "stage"),
    [
        ("Order and pay", "Order and pay"),
        ("browse", "Browse cakes"),  # part of a name
        ("browse cake", "Browse cakes"),  # near spelling
        ("the second stage", "Browse cakes"),
        ("the last one", "Review and reorder"),
        ("first", "Discover"),
        ("stage 3", "Order and pay"),
        ("Consideration", "Browse cakes"),  # the phase the stage plays
        ("checkout", "Order and pay"),
        ("loyalty", "Review and reorder"),
    ],
)
def test_stages_are_found_by_name_position_phase_or_spelling(said: str, stage: str) -> None:
    from journey_assistant import load_map
    from journey_assistant.understanding.slots import resolve_stage

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / "bakery.json")
    found = resolve_stage(journey, said)
    assert found is not None and journey.stages[found[0]].name == stage


@pytest.mark.parametrize(
    ("said", "stage"),
    [
        ("tell me about the pickup stage", "Collect in shop"),  # a word meaning the same
        ("ppl are happier at pick-up than that", "Collect in shop"),
        ("measure the gallery stage by time on page", "Browse cakes"),  # its touchpoint
        ("whats going on in the stage after checkout?", "Wait for the day"),  # its neighbours
        ("the one before collection feels long", "Wait for the day"),
        ("the stage between checkout and collection can go", "Wait for the day"),
    ],
)
def test_a_stage_is_found_by_what_it_is_called_holds_or_sits_beside(said: str, stage: str) -> None:
    from journey_assistant import load_map
    from journey_assistant.understanding.slots import find_stage

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / "bakery.json")
    found = find_stage(journey, said)
    assert found is not None and journey.stages[found].name == stage


@pytest.mark.parametrize(
    ("context", "intent", "said", "args"),
    [
        ("bakery", "add_owner", "owner of discover = Priya, she runs our insta",
         {"stage": "Discover", "owner": "Priya"}),
        ("dentist", "add_owner", "put reception team down as owner of booking",
         {"stage": "Book first appointment", "owner": "Reception team"}),
        ("saas", "add_owner", "now that we've hired a CS team, Customer Success should own the "
         "renewal stage", {"stage": "Renewal", "owner": "Customer Success"}),
        ("bakery", "add_kpi", "measure the gallery stage by average time on page",
         {"stage": "Browse cakes", "name": "Average time on page"}),
        ("dentist", "add_kpi", "the measure of success for recall should be recall attendance "
         "rate, thats what the NHS contract cares about",
         {"stage": "Hygienist and recall", "name": "Recall attendance rate"}),
        ("bakery", "move_stage", "put 'Browse cakes' first - lots of ppl land on the gallery",
         {"name": "Browse cakes", "position": 1}),
        ("saas", "add_pain_point", "Finance leads keep telling us they only find out about the "
         "price rise when the invoice lands. Please add that as a pain point for renewal.",
         {"stage": "Renewal",
          "text": "They only find out about the price rise when the invoice lands"}),
        ("saas", "add_opportunity", "Most renewals we lose are customers who never saw how much "
         "time they saved. A value report 30 days before renewal would help - add it as an "
         "opportunity there?", {"stage": "Renewal", "text": "Value report 30 days before renewal"}),
        ("dentist", "add_touchpoint", "put a Welcome pack email touchpoint on the stage before "
         "the treatment plan", {"stage": "Check-up", "name": "Welcome pack email"}),
        ("dentist", "add_pain_point", "for the bit after the check up add pain point 'costs not "
         "explained clearly'", {"stage": "Treatment plan", "text": "Costs not explained clearly"}),
        ("saas", "remove_stage", "remove the second to last stage", {"name": "First payroll"}),
        ("bakery", "add_touchpoint", "In the stage of collecting please you add a touchpoint "
         "'Ready for pickup message'.",
         {"stage": "Collect in shop", "name": "Ready for pickup message"}),
        ("saas", "add_kpi", "Leadership keeps asking about the share of trials that finish a "
         "full parallel payroll. Can you add that as a KPI for Trial?",
         {"stage": "Trial", "name": "Share of trials that finish a full parallel payroll"}),
        # the one sentence that asks, with the others around it saying why
        ("dentist", "add_kpi", "The partners only look at revenue at the moment. Add recall "
         "attendance rate as a KPI on Hygienist and recall.",
         {"stage": "Hygienist and recall", "name": "Recall attendance rate"}),
        ("bakery", "rename_stage", "Would it be possible to rename Discover to Find us? Our "
         "customers say it that way.", {"old": "Discover", "new_name": "Find us"}),
        # where it happens said first, then the asking
        ("saas", "add_touchpoint", "when they're comparing vendors, add a pricing calculator as "
         "a touchpoint", {"stage": "Research", "name": "Pricing calculator"}),
        ("bakery", "add_kpi", "add a metric to collect in shop average wait at the counter",
         {"stage": "Collect in shop", "name": "Average wait at the counter"}),
        ("dentist", "add_pain_point", "Could you add a pain point to Treatment plan, namely that "
         "the costs are only given verbally? Two patients complained.",
         {"stage": "Treatment plan", "text": "The costs are only given verbally"}),
        ("saas", "rename_stage", "rename 1st payroll to Live run",
         {"old": "First payroll", "new_name": "Live run"}),
        ("bakery", "add_pain_point", "add pain: no seats while waiting @ collect in shop",
         {"stage": "Collect in shop", "text": "No seats while waiting"}),
        # said in annoyance, hedged, or asked as a question: the request said plainly
        ("saas", "add_owner", "no, Finance owns Contract. not legal",
         {"stage": "Contract", "owner": "Finance"}),
        ("bakery", "rename_stage", "would 'Pick-up day' work better than Collect in shop, do "
         "you think?", {"old": "Collect in shop", "new_name": "Pick-up day"}),
        ("dentist", "add_pain_point", "would 'parking is impossible' count as a pain point for "
         "the check-up?", {"stage": "Check-up", "text": "Parking is impossible"}),
        ("bakery", "add_touchpoint", "you forgot the order-ready text at Collect in shop. add it",
         {"stage": "Collect in shop", "name": "Order-ready text"}),
        ("dentist", "add_owner", "I guess the hygiene team could own the recall stage?",
         {"stage": "Hygienist and recall", "owner": "Hygiene team"}),
        ("saas", "add_opportunity", "for the stage right after the contract, the fix is a "
         "kickoff call in week one", {"stage": "Onboarding", "text": "Kickoff call in week one"}),
        ("bakery", "remove_stage", "delete the step between ordering and collecting",
         {"name": "Wait for the day"}),
        # what a pain is not is part of the pain; what stage it is not, no part of it
        ("bakery", "add_pain_point", "add a pain point to wait for the day: the cake arrives "
         "cracked and nobody can fix it",
         {"stage": "Wait for the day", "text": "The cake arrives cracked and nobody can fix it"}),
        ("bakery", "add_pain_point", "add a pain point to order and pay: customers think the "
         "price is per cake, not per slice",
         {"stage": "Order and pay",
          "text": "Customers think the price is per cake, not per slice"}),
    ],
)  # fmt: skip
def test_an_edit_keeps_its_value_and_leaves_the_remark_around_it(
    context: str, intent: str, said: str, args: dict[str, object]
) -> None:
    from journey_assistant import load_map
    from journey_assistant.understanding.slots import edit_request

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / f"{context}.json")
    found = edit_request(journey, intent, said)
    assert found is not None and found[1] == args, found


@pytest.mark.parametrize(
    ("context", "said", "stage"),
    [
        ("bakery", "idea for when they pick up their cake: a ready text", "Collect in shop"),
        ("bakery", "where they pick the cake up, add the shop counter", "Collect in shop"),
        ("bakery", "when they come in to grab the cake it feels rushed", "Collect in shop"),
        ("dentist", "the bit where they look for a practice needs a Google Maps touchpoint",
         "Find a dentist"),
        ("bakery", "idea for ordering - save card details for repeat customers", "Order and pay"),
        ("bakery", "the cakes stage needs better photos", "Browse cakes"),
    ],
)  # fmt: skip
def test_a_stage_said_by_what_customers_do_there_is_found_past_the_maps_own_nouns(
    context: str, said: str, stage: str
) -> None:
    """ "Where they pick the cake up" is the collection, not "Browse cakes": a word the whole
    map is about ("cake" of "Celebration cake orders") names no stage when the message also
    says what customers do; alone, it still does ("the cakes stage")."""
    from journey_assistant import load_map
    from journey_assistant.understanding.slots import find_stage

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / f"{context}.json")
    found = find_stage(journey, said)
    assert found is not None and journey.stages[found].name == stage


def test_a_stage_that_is_not_there_is_not_guessed_and_the_nearest_is_offered() -> None:
    from journey_assistant import load_map
    from journey_assistant.agent import edits
    from journey_assistant.errors import UserInputError
    from journey_assistant.understanding.slots import resolve_stage

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / "saas.json")
    assert resolve_stage(journey, "browse cake") is None  # one cue word is not a stage
    with pytest.raises(UserInputError, match="Did you mean 'Renewal'"):
        edits.rename_stage(journey, "Renewals team", "Renew")


def test_an_edit_to_a_phase_name_lands_on_the_stage_that_plays_it(bakery_chat: Any) -> None:
    reply = bakery_chat.respond("Add an email touchpoint to Consideration").text
    assert "Browse cakes" in reply and bakery_chat.session.pending


# --- a how-to question gets a short composed answer with its sources ----------------------------


def test_how_to_questions_get_a_composed_answer_with_numbered_sources() -> None:
    from dataclasses import dataclass

    from journey_assistant.agent.assistant import Assistant, Session

    @dataclass
    class Snip:
        text: str
        source: str
        heading: str
        kind: str = "guide"

    guides = [
        Snip(
            "## Moments of truth\n\nFlag moments of truth in their own lane. Moments of truth "
            "are the interactions where a customer forms or changes an opinion of the brand. "
            "They deserve more investment than ordinary touchpoints:\n- **Checkout** failures\n",
            "emotions.md",
            "Moments of truth",
        ),
        Snip("Pricing pages should show the full price, fees included.", "pricing.md", "Fees"),
    ]
    chat = Assistant(Session(id="q"), search=lambda q, k: guides)
    reply = chat.respond("what's a moment of truth?").text
    first = reply.split(" [1]")[0]
    assert first.startswith("Moments of truth are the interactions")  # the definition first
    assert "[1] emotions.md › Moments of truth" in reply and "pricing.md" not in reply
    assert "**" not in reply and "touchpoints:" not in reply  # no Markdown marks, no lead-ins


def test_edits_and_questions_find_their_stage_and_values_by_meaning(bakery_chat: Any) -> None:
    from journey_assistant.understanding.slots import emotion_change

    reply = bakery_chat.respond("the emotion at checkout should be lower, like 2").text
    assert "set the emotion of 'Order and pay' to 2" in reply
    bakery_chat.session.pending = []
    worse = bakery_chat.respond("make it feel worse at the browse stage").text
    assert "'Browse cakes' to 2" in worse  # one step down from a neutral 3
    bakery_chat.session.pending = []
    about = bakery_chat.respond("tell me about the collection stage").text
    assert about.startswith("**Collect in shop** (stage 5 of 7")
    assert emotion_change("a bit happier", 4) == 5 and emotion_change("make it a 1", 3) == 1
    assert emotion_change("rename it", 3) is None
    # a level said loosely (session 26, chat-dev22)
    assert emotion_change("the check up is kind of neutral for most people", 4) == 3
    assert emotion_change("for me the stage of the party, the feeling is very high, five", 3) == 5
    assert emotion_change("make booking feel really bad", 3) == 2


def test_statements_about_the_business_are_told_apart_from_requests(reader: IntentReader) -> None:
    """evals/devsets/messages/facts-dev.yaml (written before the statement reading, by someone
    who never saw the code): facts about the business against near-miss requests. The labelled
    messages must not be taken for facts either. When written: 36/36 facts, 0 of 24 near misses,
    0 of the 331 labelled messages with a map; held out (facts-holdout.yaml): 17/18 facts,
    1 of 12 near misses, 5 of the held-out labelled messages."""
    from journey_assistant.agent.assistant import Assistant

    root = Path(__file__).parents[1]
    facts = yaml.safe_load((root / "evals/devsets/messages/facts-dev.yaml").read_text())
    others = [
        m
        for m in yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
        if m.get("context", "none") != "none" and not m.get("pending")
    ]
    items = facts + others
    readings = reader.read_many([(m["text"], True, False) for m in items])
    taken = [
        Assistant._business_fact(m["text"], r) is not None
        for m, r in zip(items, readings, strict=True)
    ]
    found = sum(t for t, m in zip(taken, items, strict=True) if m["intent"] == "business_fact")
    wrong = sum(t for t, m in zip(taken, items, strict=True) if m["intent"] != "business_fact")
    assert sum(m["intent"] == "business_fact" for m in facts) == 36
    assert found >= 33 and wrong <= 3, (found, wrong)


@pytest.mark.parametrize(
    ("said", "chosen"),
    [
        ("accept", []),
        ("accept 1 3", [1, 3]),
        ("ok, 2-4", [2, 3, 4]),
        ("accept all but 2", [1, 3, 4]),
        ("yes except 1 and 4", [2, 3]),
        ("accept the first two", [1, 2]),
        ("just the last one", [4]),
        ("keep the ones about booking", [4]),
        ("accept the second", [2]),
    ],
)
def test_which_proposed_changes_a_reply_means(said: str, chosen: list[int]) -> None:
    from journey_assistant.understanding.slots import chosen_changes

    reasons = ["Rate comparison: 1 fix", "Post-stay: 1 fix", "Advocacy: 1 fix", "Booking: 2 fixes"]
    assert chosen_changes(said, reasons) == chosen


def test_the_details_of_labelled_messages_are_read() -> None:
    """Slots: the stage, names, positions, texts and values of the labelled messages, read on
    their map (an edit with a detail missing must be read as no edit, so the assistant asks).
    First readings of the blind sets, before any tuning on them: the second (evals/devsets/
    messages/slots-dev2.yaml) 74/90, the third (merging, splitting, removing touchpoints,
    emotions) 101/130, the fourth (remarks around the request) 80/120, the fifth (stages named
    by what they hold, mean or sit beside; owners and measures with remarks) 104/134, the sixth
    (every intent, session 11) 99/125, the seventh (neighbouring intents) 76/80, the eighth
    (edit details with remarks, session 11) 121/150. After tuning: 141/143, 88/90, 122/130,
    111/120, 120/134, 122/125, 79/80, 145/150."""
    from journey_assistant.evaluation.messages import score_slots

    maps = Path(__file__).parent / "data" / "context_maps"
    devsets = Path(__file__).parents[1] / "evals/devsets/messages"
    tuning = score_slots(MESSAGES, maps)
    assert tuning.total >= 140 and tuning.accuracy >= 0.95, tuning.misses[:5]
    for name, total, least in [("slots-dev2", 90, 0.95), ("slots-dev3", 130, 0.9),
                               ("slots-dev4", 120, 0.9), ("slots-dev5", 134, 0.86),
                               ("chat-dev6", 125, 0.95), ("chat-dev7", 80, 0.95),
                               ("slots-dev8", 150, 0.93)]:  # fmt: skip
        read = score_slots(devsets / f"{name}.yaml", maps)
        assert read.total == total and read.accuracy >= least, (name, read.misses[:5])


def test_edits_said_in_ordinary_words_become_proposals(bakery_chat: Any) -> None:
    said = {
        "can you put in a stage called Pick-up after the last one": "add stage 'Pick-up' after",
        "Browse cakes should come first": "move 'Browse cakes' to position 1",
        "call checkout 'Pay' instead": "rename 'Order and pay' to 'Pay'",
        "get rid of the celebrate stage": "remove stage 'Celebrate'",
        "add a pain point to collection: the queue is out the door": "add pain point 'The queue",
        "Marketing owns Discover": "make 'Marketing' an owner of 'Discover'",
        "add a KPI to checkout: payment success rate": "add KPI 'Payment success rate'",
        "can we mash the waiting and collection stages together": "merge 'Wait for the day' and "
        "'Collect in shop'",
        "split order and pay into 'Order' and 'Pay deposit'": "split 'Order and pay' into "
        "'Order' and 'Pay deposit'",
        "we don't do Instagram any more, take it off discover": "remove touchpoint 'Instagram",
        # the sentence model reads stage edits here; the complaint and "put that at" say more
        "people queue for ages and never get served, put that at the collect stage": "add pain "
        "point 'People queue for ages",
    }
    for message, reason in said.items():
        bakery_chat.session.pending = []
        reply = bakery_chat.respond(message).text
        assert bakery_chat.session.pending, (message, reply)
        assert bakery_chat.session.pending[0].reason.startswith(reason), (message, reply)


def test_some_proposed_changes_can_be_refused_and_the_rest_still_wait(bakery_chat: Any) -> None:
    from journey_assistant.agent.assistant import Change

    names = ["Find us", "Pick a cake", "Pay"]
    bakery_chat.session.pending = [
        Change(f"rename '{s.name}'", "rename_stage", {"old": s.name, "new_name": new})
        for s, new in zip(bakery_chat.session.map.stages, names, strict=False)
    ]
    reply = bakery_chat.respond("bin 1 and 3")
    assert [c.args["new_name"] for c in bakery_chat.session.pending] == ["Pick a cake"]
    assert "Still waiting" in reply.text
    assert bakery_chat.session.map.stages[0].name == "Discover"  # nothing applied
    bakery_chat.respond("accept")
    assert bakery_chat.session.map.stages[1].name == "Pick a cake"
    assert bakery_chat.session.map.stages[0].name == "Discover"


@pytest.mark.parametrize(
    ("said", "intent", "stage"),
    [
        ("the 4th stage should be called Payment plan", "rename_stage", "Treatment plan"),
        ("add a kpi to chekout: deposit paid online", "add_kpi", None),
        ("whats happening in stage two", "explain_stage", None),
    ],
)
def test_a_stage_said_with_a_slip_or_in_words_is_still_found(
    said: str, intent: str, stage: str | None
) -> None:
    from journey_assistant import load_map
    from journey_assistant.agent.assistant import Assistant, Session

    name = "dentist" if "Payment" in said else "bakery"
    chat = Assistant(Session(id="t"), search=lambda query, k: [])
    chat.session.map = load_map(Path(__file__).parent / "data" / "context_maps" / f"{name}.json")
    reply = chat.respond(said)
    assert reply.intent == intent, reply.text
    if intent == "rename_stage":
        assert chat.session.pending[0].args["old"] == stage
    if intent == "add_kpi":
        assert chat.session.pending[0].args["stage"] == "Order and pay"
    if intent == "explain_stage":
        assert "Browse cakes" in reply.text


@pytest.mark.parametrize(
    ("said", "intent", "slot", "value"),
    [
        ("set owner of collect in shop to Priya (thats me)", "add_owner", "owner", "Priya"),
        ("in the browse stage add the frustration that photos are tiny", "add_pain_point",
         "text", "Photos are tiny"),
        ("celebrate should be a five obviously", "set_emotion", "score", 5),
        ("emotion on the 2nd stage = 4", "set_emotion", "score", 4),
    ],
)  # fmt: skip
def test_a_detail_is_read_without_the_aside_around_it(
    bakery_chat: Any, said: str, intent: str, slot: str, value: object
) -> None:
    reply = bakery_chat.respond(said)
    assert reply.intent == intent, reply.text
    assert bakery_chat.session.pending[0].args[slot] == value, bakery_chat.session.pending[0].args


def _assert_edit_read(context: str, intent: str, said: str, wanted: dict[str, object]) -> None:
    """The edit ``said`` asks for on a context map carries the ``wanted`` details."""
    from journey_assistant import load_map
    from journey_assistant.understanding.slots import edit_request

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / f"{context}.json")
    found = edit_request(journey, intent, said)
    assert found is not None, said
    assert {k: found[1].get(k) for k in wanted} == wanted, found


@pytest.mark.parametrize(
    ("context", "intent", "said", "wanted"),
    [
        ("dentist", "add_pain_point",
         "Good morning, hope all is well. A few patients have told us that the parking "
         "signs are confusing, so could you add that as a pain point on the check-up stage? "
         "Kind regards.",
         {"stage": "Check-up", "text": "The parking signs are confusing"}),
        ("bakery", "add_opportunity",
         "I think a birthday reminder email would be a good idea for review and reorder. "
         "Could you put it in?",
         {"stage": "Review and reorder", "text": "A birthday reminder email"}),
        ("saas", "add_owner", "Please assign the solutions team as owner of the demo stage.",
         {"stage": "Demo", "owner": "Solutions team"}),
        ("dentist", "add_owner",
         "Could you put Amira, the head nurse, down as the owner of the treatment stage?",
         {"stage": "Treatment", "owner": "Amira, the head nurse"}),
        ("bakery", "add_touchpoint",
         "add a touch point called the order tracker to wait for the day",
         {"stage": "Wait for the day", "name": "Order tracker"}),
        ("saas", "move_stage", "mv demo aftr trial",
         {"name": "Demo", "position": 4}),
        ("saas", "add_kpi",
         "For onboarding, would you mind adding time to first login as a KPI? Thanks!",
         {"stage": "Onboarding", "name": "Time to first login"}),
        ("dentist", "add_pain_point",
         "A patient rang yesterday. Apparently the reminder came a day late. "
         "Please log that as a pain point against recall.",
         {"stage": "Hygienist and recall", "text": "The reminder came a day late"}),
        ("saas", "merge_stages", "Please combine Research and Demo in one stage.",
         {"first": "Research", "second": "Demo"}),
        ("bakery", "move_stage", "discover -> last pls", {"name": "Discover", "position": 7}),
    ],
)  # fmt: skip
def test_a_request_is_read_past_courtesies_slips_and_pointing_back(
    context: str, intent: str, said: str, wanted: dict[str, object]
) -> None:
    """What is asked, read past the courtesies around it, the phone slips in it, and a "that"
    pointing back at what was said first (session 17, from chat-dev19's styles)."""
    _assert_edit_read(context, intent, said, wanted)


def test_a_touchpoint_taken_from_a_stage_in_shorthand_is_not_the_stage(bakery_chat: Any) -> None:
    """ "rm X frm Y" takes X off stage Y; it once proposed removing a stage."""
    reply = bakery_chat.respond("rm shop counter frm collect in shop")
    assert reply.intent == "remove_touchpoint", reply.text
    assert bakery_chat.session.pending[0].args["name"] == "Shop counter"


def test_a_missed_item_is_not_added_under_the_word_before_it() -> None:
    """ "you missed the main pain point. …" says what is missing after it; it once proposed
    a pain point called "Main"."""
    from journey_assistant import load_map
    from journey_assistant.understanding.slots import edit_request

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / "bakery.json")
    found = edit_request(
        journey,
        "add_pain_point",
        "you missed the main pain point. at checkout the deposit isn't refundable",
    )
    assert found is None or "main" not in str(found[1].get("text", "")).lower(), found


def test_the_request_said_plainly_keeps_what_only_looks_like_annoyance() -> None:
    from journey_assistant.understanding.asking import plainly

    assert plainly("no, Finance owns Contract. not legal") == "Finance owns Contract"
    assert plainly("no one picks up the phone at booking - add it as a pain point").startswith(
        "no one picks up"
    )


@pytest.mark.parametrize(
    ("context", "intent", "said", "wanted"),
    [
        ("bakery", "add_stage",
         "add a stage after browse cakes, no wait, after order and pay, called Design consultation",
         {"after": "Order and pay"}),
        ("saas", "rename_stage", "rename Research to Evaluation, hmm, no, make it Shortlisting",
         {"old": "Research", "new_name": "Shortlisting"}),
        ("bakery", "add_pain_point",
         "add a pain point on Browse cakes, sorry, on Discover: no prices on the Instagram posts",
         {"stage": "Discover"}),
        ("dentist", "add_owner",
         "owner for check-up is the practice manager, no actually, the lead dentist",
         {"stage": "Check-up", "owner": "Lead dentist"}),
        ("dentist", "rename_stage", "rename find a dentist two choosing a practice full stop",
         {"old": "Find a dentist", "new_name": "choosing a practice"}),
    ],
)  # fmt: skip
def test_a_self_correction_and_dictation_are_read_as_meant(
    context: str, intent: str, said: str, wanted: dict[str, object]
) -> None:
    """People correct themselves mid-message and dictate on the go (chat-dev20): the
    corrected value was read as the first one said ("after browse cakes", emotion 2)."""
    _assert_edit_read(context, intent, said, wanted)


def _assert_emotion_read(said: str, stage: str, score: int) -> None:
    """On the dentist map, ``said`` sets ``stage``'s emotion to ``score`` (from 3)."""
    from journey_assistant import load_map
    from journey_assistant.understanding.slots import emotion_change, message_slots

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / "dentist.json")
    assert message_slots(journey, said).get("stage") == stage
    assert emotion_change(said, 3) == score


def test_a_remark_after_a_comma_is_no_correction() -> None:
    from journey_assistant.understanding.asking import as_meant

    _assert_emotion_read(
        "set treatment plan to 2, actually make that 1, the costs conversation is brutal",
        "Treatment plan",
        1,
    )

    for said in (
        "the deposit is £50, no refunds",
        "stick an Awareness stage right at the very start pls, sorry, typing this on the bus",
        "split check-up in two",
    ):
        assert as_meant(said) == said


@pytest.mark.parametrize(
    ("context", "intent", "said", "wanted"),
    [
        ("saas", "remove_stage", "don't remove Renewal, remove Research", {"name": "Research"}),
        ("bakery", "add_touchpoint",
         "don't put the loyalty card on Discover, put it on Review and reorder",
         {"stage": "Review and reorder"}),
        ("saas", "add_kpi", "the KPI for Demo isn't demos booked, it's demo-to-trial rate",
         {"stage": "Demo", "name": "Demo-to-trial rate"}),
        ("bakery", "add_pain_point",
         "that's not a pain for Collect in shop, it's for Discover: nobody sees the prices",
         {"stage": "Discover"}),
        ("dentist", "remove_stage", "keep Hygienist and recall, delete Check-up",
         {"name": "Check-up"}),
        ("saas", "rename_stage", "rename Research to Shortlist, not Evaluation",
         {"old": "Research", "new_name": "Shortlist"}),
        ("bakery", "rename_stage", "could you rename Discover to something warmer, like Spot us",
         {"old": "Discover", "new_name": "Spot us"}),
        ("saas", "remove_stage", "Sunset the Renewal stage 🙃", {"name": "Renewal"}),
    ],
)  # fmt: skip
def test_a_contrast_is_read_for_what_is_asked(
    context: str, intent: str, said: str, wanted: dict[str, object]
) -> None:
    """People set what they want against what they don't (chat-dev21): the first, refused
    value was read ("don't remove Demo" removed Demo; "not a 4, a 2" set 4)."""
    _assert_edit_read(context, intent, said, wanted)


def test_an_emotion_set_against_another_is_the_one_asked_for() -> None:
    _assert_emotion_read("not a 4, a 2 - Treatment plan is where they wince", "Treatment plan", 2)


def test_no_contrast_leaves_the_message_as_it_is() -> None:
    from journey_assistant.understanding.asking import as_meant

    for said in (
        "not sure, what do you think?",
        "the deposit is not refundable, add that as a pain point on checkout",
        "we dont use the reminder sms anymore, patients get an app notification, take it out",
        "I don't think Discover and Browse need to be separate stages, merge them",
        "nah scrap all that, not what I meant",
        "👍",
    ):
        assert as_meant(said) == said, said


@pytest.mark.parametrize(
    ("context", "said", "stage"),
    [
        ("bakery", "add a touchpoint to the bit where the family cut the cake at the party",
         "Celebrate"),
        ("saas", "put an owner on the stage where they try it out in the sandbox", "Trial"),
        ("saas", "the part where the finance lead realises payroll keeps going wrong",
         "Problem recognition"),
    ],
)  # fmt: skip
def test_a_stage_said_by_what_happens_in_it_is_found_by_meaning(
    context: str, said: str, stage: str
) -> None:
    """ "The stage where they serve the cake at the party" is the celebration, not the stage
    that shares the noun 'cake' (words alone chose "Browse cakes"): the description is read
    by meaning against each stage's name, goal, actions and touchpoints."""
    from journey_assistant import load_map
    from journey_assistant.understanding.slots import find_stage

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / f"{context}.json")
    found = find_stage(journey, said)
    assert found is not None and journey.stages[found].name == stage, (
        [s.name for s in journey.stages],
        found,
    )


def test_words_that_only_look_like_a_described_stage_describe_none() -> None:
    """ "no one with a car can park" or "a bit with sugar" say no stage: the described-stage
    reader leaves them to the word matcher (which asks when it finds none)."""
    from journey_assistant.understanding.described import description

    assert description("add a pain point: no one with a car can find parking") is None
    assert description("make it a bit with more warmth") is None
    assert description("the one with the first examination: owner is X") == (
        "the first examination"
    )
    # a time said by what customers do then describes a stage; one of the writer's does not
    assert description("the moment they're in the chair having a filling should feel worse") == (
        "in the chair having a filling"
    )
    assert description("for when they are comparing prices add a KPI") == "comparing prices"
    assert description("when the annual contract comes up again, make it happier") == (
        "the annual contract comes up again"
    )
    assert description("when I'm done export it") is None
    assert description("when you can, add a stage after Demo") is None
    assert description("when the map is ready, send it over") is None


def test_described_stages_in_the_development_sets() -> None:
    """Every development message that describes a stage by what happens in it ("the stage
    where they serve the cake at the party"), with the stage labelled: 108 such messages;
    words alone found 76, reading by meaning finds 98 (understanding/described.py). Session
    26 added chat-dev22 and the times said by what customers do then ("the moment they're in
    the chair", "when they're comparing vendors"): 155 messages, words alone 103, by meaning
    133 (of the 34 said as a time, 22 and 26). Session 43 added chat-dev23 (maps of a dog
    groomer, a village hall, a pump maker and a council service) and chat-dev25: 160
    messages, 140 found. Session 44 added chat-dev27: 166 messages, 144 found (stages said by a
    word of their touchpoints too: "the datasheets and BIM downloads stage")."""
    import yaml

    from journey_assistant import load_map
    from journey_assistant.understanding.described import description
    from journey_assistant.understanding.slots import find_stage

    root = Path(__file__).parents[1]
    files = [MESSAGES] + [
        f
        for f in sorted((root / "evals/devsets/messages").glob("chat-dev*.yaml"))
        if f.stem
        not in ("chat-dev14", "chat-dev17", "chat-dev24", "chat-dev26", "chat-dev28", "chat-dev30")
    ]
    maps: dict[str, Any] = {}
    total = right = 0
    for path in files:
        for message in yaml.safe_load(path.read_text(encoding="utf-8")):
            context, wanted = (
                str(message.get("context", "none")),
                (message.get("slots") or {}).get("stage"),
            )
            if context == "none" or not wanted or description(str(message["text"])) is None:
                continue
            if context not in maps:
                maps[context] = load_map(
                    Path(__file__).parent / "data/context_maps" / f"{context}.json"
                )
            names = [s.name for s in maps[context].stages]
            if wanted not in names:
                continue
            total += 1
            found = find_stage(maps[context], str(message["text"]))
            right += found is not None and names[found] == wanted
    assert total == 177, (total, right)
    assert right >= 156, right


@pytest.mark.parametrize(
    ("context", "intent", "said", "text"),
    [
        ("dentist", "add_opportunity",
         "could we add an opportunity to treatment like a text the day after asking how they feel",
         "Text the day after asking how they feel"),
        ("bakery", "add_opportunity",
         "For Browse cakes, would be good a filter by allergen in the gallery. Put it as "
         "opportunity.",
         "Filter by allergen in the gallery"),
        ("bakery", "add_kpi",
         "Please the KPI for Collect in shop must be the time of wait at counter.",
         "Time of wait at counter"),
        ("bakery", "add_owner",
         "Who is responsible of Discover? It is Priya, our social media person. Please put her.",
         "Priya"),
        ("dentist", "add_kpi",
         "For Find a dentist I want measure how many calls come from Google Maps. Add KPI.",
         "How many calls come from Google Maps"),
    ],
)  # fmt: skip
def test_an_item_is_read_without_its_lead_in(
    context: str, intent: str, said: str, text: str
) -> None:
    """A hedge, a verdict or the verb of a definition before a pain, idea, KPI or owner is no
    part of it ("like a text …", "would be good a filter …", "must be the time …", "It is
    Priya"); "how many" is part of a KPI."""
    from journey_assistant import load_map
    from journey_assistant.understanding.slots import edit_request

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / f"{context}.json")
    found = edit_request(journey, intent, said)
    assert found is not None
    assert str(found[1].get("text") or found[1].get("name") or found[1].get("owner")) == text, found


@pytest.mark.parametrize(
    ("context", "intent", "text", "key", "value"),
    [
        ("bakery", "add_kpi", "the Instagram photo stage — add a KPI for it: saves per post",
         "name", "Saves per post"),
        ("dentist", "add_owner", "the stage with the first examination: owner is the lead dentist",
         "owner", "lead dentist"),
        ("saas", "add_opportunity", "brb in 5 but before I forget - opportunity on renewal: a "
         "value recap email 60 days out. thx!", "text", "A value recap email 60 days out"),
        ("bakery", "add_kpi", "Let's add CSAT as a KPI on collection", "name", "CSAT"),
    ],
)  # fmt: skip
def test_what_is_said_before_the_item_is_no_part_of_it(
    context: str, intent: str, text: str, key: str, value: str
) -> None:
    """Where it goes ("for it:", "on renewal:"), the asking ("let's add") and a bare "is" are
    said before the item; they were read as its first words."""
    from journey_assistant.api import load_map
    from journey_assistant.understanding.slots import edit_request

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / f"{context}.json")
    found = edit_request(journey, intent, text)
    assert found is not None and found[1][key] == value, found


@pytest.mark.parametrize(
    ("context", "intent", "text", "key", "value"),
    [
        ("bakery", "add_stage", "um can you add a stage after the pick up one called transport "
         "home cause people have to like drive it home without it falling over", "name",
         "Transport home"),
        ("saas", "rename_stage", "Nobody on the sales team calls it 'Problem recognition', they "
         "all just say Trigger. Can you rename it to that?", "new_name", "Trigger"),
        ("saas", "add_owner", "Customer success took over account reviews from sales in "
         "January. Please make them the owner for renewal.", "owner", "Customer success"),
        ("bakery", "add_touchpoint", "For the stage Browse cakes please add also the TikTok.",
         "name", "TikTok"),
        ("bakery", "rename_stage", "can you rename browse cakes two explore the range",
         "new_name", "explore the range"),
        ("dentist", "add_touchpoint", "recall stage + reminder text", "name", "Reminder text"),
    ],
)  # fmt: skip
def test_a_reason_a_pointing_word_or_a_spoken_slip_is_no_part_of_the_detail(
    context: str, intent: str, text: str, key: str, value: str
) -> None:
    """Session 31, from the development chat sets: the reason after a name ("cause people
    have to …"), "that" and "them" pointing back to a name or a team said before, "also the",
    "two" heard for "to", and a "+" before the item."""
    from journey_assistant.api import load_map
    from journey_assistant.understanding.slots import edit_request

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / f"{context}.json")
    found = edit_request(journey, intent, text)
    assert found is not None and str(found[1][key]).lower() == value.lower(), found


@pytest.mark.parametrize(
    ("context", "intent", "text", "want"),
    [
        ("saas", "add_stage", "add stage: Procurement approval, before Contract",
         {"name": "Procurement approval", "after": "Trial"}),
        ("saas", "add_stage", "We lose deals when IT asks for a security questionnaire, so I "
         "want it visible on the map - add a stage Security questionnaire right after the demo.",
         {"name": "Security questionnaire", "after": "Demo"}),
        ("saas", "add_stage", "Please you can put one new stage in the start, name of it 'Word "
         "from friends'?", {"name": "Word from friends", "first": True}),
        ("bakery", "rename_stage", "The stage of Celebrate, I wish to change his name into "
         "'Party time'.", {"old": "Celebrate", "new_name": "Party time"}),
        ("dentist", "remove_stage", "We don't send treatment plan letters any more, so take the "
         "treatment plan stage out.", {"name": "Treatment plan"}),
        ("saas", "remove_stage", "delete the part where their contract comes up again, "
         "everyone's on monthly rolling now", {"name": "Renewal"}),
        ("bakery", "split_stage", "split Order and pay → Order / Deposit",
         {"stage": "Order and pay", "first": "Order", "second": "Deposit"}),
        ("dentist", "split_stage", "The Book first appointment stage, I want to divide in two: "
         "'Call reception' and 'Confirm by email'.",
         {"stage": "Book first appointment", "first": "Call reception",
          "second": "Confirm by email"}),
        ("dentist", "add_touchpoint", "+ phone on the six-monthly recall",
         {"stage": "Hygienist and recall", "name": "Phone"}),
        ("dentist", "add_kpi", "for the check-up, we want to track no-show rate",
         {"stage": "Check-up", "name": "No-show rate"}),
        ("bakery", "add_kpi", "measure the star rating when they leave their review afterwards",
         {"stage": "Review and reorder", "name": "Star rating"}),
        ("saas", "add_kpi", "Leadership keeps asking whether demos actually convert, so add "
         "demo-to-trial conversion as a KPI on Demo.",
         {"stage": "Demo", "name": "Demo-to-trial conversion"}),
        ("saas", "add_kpi", "kpi for when they decide whether to renew: net revenue retention",
         {"stage": "Renewal", "name": "Net revenue retention"}),
        ("dentist", "add_opportunity", "opp Hygienist and recall → online rebooking link in "
         "recall SMS",
         {"stage": "Hygienist and recall", "text": "Online rebooking link in recall SMS"}),
        ("dentist", "add_opportunity", "opportunity for when they're ringing reception: a "
         "callback option instead of hold music",
         {"stage": "Book first appointment", "text": "A callback option instead of hold music"}),
        # from chat-dev20 and chat-dev21: expert shorthand
        ("bakery", "add_kpi", "Attach NPS to Review and reorder as the lagging indicator",
         {"stage": "Review and reorder", "name": "NPS"}),
        ("dentist", "add_stage", "I've said it already: there's a stage called Aftercare and it "
         "goes at the end. Add it.", {"name": "Aftercare", "after": None}),
        ("saas", "add_stage", "Insert an Awareness phase upstream of Research",
         {"name": "Awareness", "after": "Problem recognition"}),
        ("dentist", "remove_stage", "Sunset the Check-up stage, it's redundant with Treatment plan "
         "in our to-be", {"name": "Check-up"}),
        ("bakery", "add_owner", "Assign the front-of-house team as stage owner for Collect in shop",
         {"stage": "Collect in shop", "owner": "Front-of-house team"}),
        ("bakery", "rename_stage", "Stage 2 rename: 'Choose a cake'",
         {"old": "Browse cakes", "new_name": "Choose a cake"}),
        ("saas", "add_owner", "the stage with the sales call, owner is the AE team",
         {"stage": "Demo", "owner": "AE team"}),
        ("saas", "add_owner", "where they sign the annual contract, owner should be the finance "
         "ops team", {"stage": "Contract", "owner": "Finance ops team"}),
    ],
)  # fmt: skip
def test_terse_forms_and_a_remark_before_the_request_are_read(
    context: str, intent: str, text: str, want: dict[str, object]
) -> None:
    """Session 32, from chat-dev22: "add stage: X, before Y", "split A → B / C", "divide in
    two: …" after the stage, "+ X on Y", "opp Y → X", "take the X stage out", "in the start",
    "his name", a remark before ", so add …", "we want to track X", a measure with the moment
    it is taken, and the time a contract "comes up again" as the renewal; then expert
    shorthand ("attach … as the lagging indicator", "an Awareness phase", "as stage owner",
    "Stage 2 rename:", "<stage said>, owner is X"), "and it goes at the end" after a name and the
    stage named before ", it's redundant with …"."""
    from journey_assistant.api import load_map
    from journey_assistant.understanding.slots import edit_request

    journey = load_map(Path(__file__).parent / "data" / "context_maps" / f"{context}.json")
    found = edit_request(journey, intent, text)
    assert found is not None and found[0] == intent, found
    assert found[1] == want, found


@pytest.mark.parametrize(
    ("text", "channel"),
    [("make it a bit happier", None), ("recall text", None), ("the workshop", None),
     ("a callback", "phone"), ("Booking app", "mobile_app"), ("store visit", "physical")],
)  # fmt: skip
def test_a_channel_word_is_read_at_the_start_of_a_word_only(text: str, channel: str | None) -> None:
    """Session 32: "happier" holds "app" and "recall" holds "call", but neither names a
    channel."""
    from journey_assistant.vocab import infer_channel

    found = infer_channel(text)
    assert (found.value if found else None) == channel


def test_what_an_emotion_should_be_beats_what_it_is_now() -> None:
    from journey_assistant.understanding.slots import emotion_change

    said = "why is the emotion at 4?? Treatment should be 2, people hate fillings"
    assert emotion_change(said, 4) == 2
    assert emotion_change("Emotion of Onboarding put please on neutral.", 2) == 3


# --- session 35: stages said by what people do there, a measure asked for, "that" -----------

SCHEDULING = (
    "I run a small B2B software company selling scheduling tools to dental practices. Practices "
    "find us at trade shows, book a demo, then start a 14-day trial and sign a yearly contract."
)


@pytest.fixture()
def scheduling_chat() -> Any:
    from journey_assistant.agent.assistant import Assistant, Session

    chat = Assistant(Session(id="s35"), search=lambda query, k: [])
    assert chat.respond(SCHEDULING).intent == "draft_map"
    names = [s.name.lower() for s in chat.session.map.stages]
    assert any("demo" in n for n in names) and any("trial" in n for n in names), names
    return chat


def _stage_with(chat: Any, word: str) -> str:
    return next(s.name for s in chat.session.map.stages if word in s.name.lower())


def test_a_stage_said_by_a_word_meaning_the_same_as_its_name(scheduling_chat: Any) -> None:
    """ "when they try it out" is the trial, "the stage where they book a demo" the demo:
    a new stage goes between them, and the two merge."""
    demo, trial = _stage_with(scheduling_chat, "demo"), _stage_with(scheduling_chat, "trial")
    reply = scheduling_chat.respond(
        "can you add a stage in between the demo and when they try it out called Setup call"
    )
    assert reply.intent == "add_stage" and f"'Setup call' after '{demo}'" in reply.text
    scheduling_chat.respond("reject")
    reply = scheduling_chat.respond(
        "merge the stage where they book a demo with the one where they try it"
    )
    assert reply.intent == "merge_stages" and f"merge '{demo}' and '{trial}'" in reply.text


def test_a_measure_asked_for_is_answered_for_that_stage_with_what_it_measures(
    scheduling_chat: Any,
) -> None:
    """ "What should the KPI be for the trial, and why?" asks for measures, with a reason: no
    KPI called "What should the be", no question back."""
    trial = _stage_with(scheduling_chat, "trial")
    for said in ("what should the KPI be for the trial?",
                 "what should the KPI be for the trial, and why?"):  # fmt: skip
        reply = scheduling_chat.respond(said)
        assert reply.intent == "stage_kpis" and reply.slots.get("stage") == trial, reply.slots
        assert f"How to measure **{trial}**" in reply.text
        assert ": " in reply.text.split("\n", 3)[3], "what a KPI measures is said"
        assert "\n\nOn the map now:" in reply.text, "a list ends before the next heading"
    assert not scheduling_chat.session.pending
    whole = scheduling_chat.respond("how do I measure success for each stage?")
    assert whole.text.startswith("How to measure each stage")


def test_draft_a_map_for_that_points_at_the_brief_just_told(scheduling_chat: Any) -> None:
    before = scheduling_chat.session.map
    reply = scheduling_chat.respond("draft a map for that")
    assert reply.intent == "draft_map" and "The map in view is drafted from what you told me" in (
        reply.text
    )
    assert "too little" not in reply.text and scheduling_chat.session.map is before


def test_a_brief_that_ends_with_the_ask_is_drafted_whole() -> None:
    """ "… Could you put together a customer journey map for me?" at the end is the ask: the
    brief before it is drafted, not "me?"."""
    from journey_assistant.agent.assistant import Assistant, Session, _without_lead

    said = (
        "Hi! I run a one-man mobile piano tuning business in Dublin. Most people find me through "
        "Google or their piano teacher, then they ring or text to book a tuning. Problem is "
        "roughly 30% of first-time customers never rebook. Could you put together a customer "
        "journey map for me?"
    )
    assert _without_lead(said).startswith("Hi! I run a one-man mobile piano tuning")
    assert _without_lead("Can you draft a customer journey map for my dog grooming van?") == (
        "my dog grooming van?"
    )
    reply = Assistant(Session(id="tuner"), search=lambda query, k: []).respond(said)
    assert reply.intent == "draft_map" and reply.text.startswith("Drafted"), reply.text[:200]


def test_reject_it_refuses_the_proposal_and_a_measure_is_asked_after_a_remark(
    scheduling_chat: Any,
) -> None:
    trial = _stage_with(scheduling_chat, "trial")
    scheduling_chat.respond(f"add an email touchpoint to {trial}")
    assert scheduling_chat.session.pending
    reply = scheduling_chat.respond("Hmm, no. On reflection that feels a bit much. Reject it.")
    assert reply.intent == "reject" and not scheduling_chat.session.pending
    reply = scheduling_chat.respond("Focus on the trial for a sec. how would I measure that one?")
    assert reply.intent == "stage_kpis" and reply.slots.get("stage") == trial


def test_a_stage_asked_for_between_two_stages_that_are_not_neighbours(
    scheduling_chat: Any,
) -> None:
    """ "in between the demo and the contract" with the trial between them: right after the
    demo, whatever complaint follows."""
    demo = _stage_with(scheduling_chat, "demo")
    reply = scheduling_chat.respond(
        "Instead add a stage in between the demo and the contract, call it Security review. "
        "Buyers send questionnaires in every format imaginable, it's half the delay."
    )
    assert reply.intent == "add_stage" and f"'Security review' after '{demo}'" in reply.text


def test_what_else_can_you_do_is_the_help_and_a_quoted_new_name_ends_at_its_quote(
    scheduling_chat: Any,
) -> None:
    reply = scheduling_chat.respond("what else can you do apart from this? first time using it")
    assert reply.intent == "help" and not scheduling_chat.session.pending
    demo = _stage_with(scheduling_chat, "demo")
    reply = scheduling_chat.respond(f"rename {demo} to 'See it live' - more on-brand for the deck")
    assert reply.intent == "rename_stage" and f"'{demo}' to 'See it live'" in reply.text, (
        reply.text[:300]
    )


def test_that_one_is_the_stage_said_earlier_in_the_same_message(scheduling_chat: Any) -> None:
    """ "Focus on the trial for a sec. how would I measure that one?" after talking about
    the demo: the trial."""
    demo, trial = _stage_with(scheduling_chat, "demo"), _stage_with(scheduling_chat, "trial")
    scheduling_chat.respond(f"tell me about {demo}")
    assert scheduling_chat.session.focus == demo
    reply = scheduling_chat.respond("Focus on the trial for a sec. how would I measure that one?")
    assert reply.intent == "stage_kpis" and reply.slots.get("stage") == trial, reply.slots


@pytest.mark.parametrize(
    ("message", "statement"),
    [
        ("Oh also swap it so paying comes after the tuning not before. Nobody pays upfront", False),
        ("Actually move the reminder after the visit, people forget", False),
        ("Nobody pays me upfront, they pay when I'm packing up", True),
        ("Oh we also do a free check every spring for regulars", True),
    ],
)
def test_a_request_opened_with_oh_or_actually_is_no_statement(
    message: str, statement: bool
) -> None:
    """ "Oh also swap it so paying comes after the tuning" was read as a fact about the
    business (conv-dev, session 36)."""
    from journey_assistant.understanding.statements import is_statement

    assert is_statement(message) == statement
