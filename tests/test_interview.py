"""The guided interview as people really answer it: loosely, off the question, with requests and
remarks in between (issue 15, part 3).

``evals/devsets/messages/interview-dev.yaml`` (14 conversations, 149 turns) and
``interview-holdout.yaml`` (10, 104) were written in session 29 by a helper who saw no code, with
what a sensible assistant should do at each turn: take the answer for the step asked, skip, stop,
draft, ask again, or answer a request made meanwhile. First reading, with the session's starting
code: dev 48/149 (0.32), held out 42/104 (0.40). Every answer was taken as the answer to the
question asked ("add a pain point to booking: …" became a stage, "yes" set no feelings and
moved on, "save it as a spreadsheet" named owners) and openers such as "I want a map for my swim
school, can you guide me" were drafted from. After: dev 145/149, held out 96/104 (only scored;
92 before the fixes that followed a blind A/B review of six fresh conversations: loose stage
names, "what do you mean by stages?", owners "for everything", "ok show me the map").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journey_assistant.agent.assistant import Assistant, Session
from journey_assistant.evaluation.messages import score_conversations

SETS = Path(__file__).parents[1] / "evals" / "devsets" / "messages"


def _chat() -> Assistant:
    return Assistant(Session(id="i"), search=lambda query, k: [])


def _guided(chat: Assistant, *answers: str) -> None:
    chat.respond("I've never made a journey map, can you guide me?")
    for answer in answers:
        chat.respond(answer)


@pytest.mark.parametrize(("name", "right", "turns"), [("dev", 145, 149), ("holdout", 93, 104)])
def test_labelled_conversations_are_acted_on_as_labelled(name: str, right: int, turns: int) -> None:
    score = score_conversations(SETS / f"interview-{name}.yaml")
    assert len(score.right) == turns
    assert sum(score.right) >= right, score.misses[:5] if name == "dev" else score.by_label()


@pytest.mark.parametrize(("name", "right", "turns"), [("dev", 49, 56), ("holdout", 44, 56)])
def test_whole_conversations_of_three_kinds_of_user_are_acted_on_as_labelled(
    name: str, right: int, turns: int
) -> None:
    """Session 35: eight conversations written blind (conv-dev tuned on, conv-holdout kept
    aside), each edit on the stage the user meant; 33/56 and 37/56 before that session, 46 and
    43 before session 36; session 39 (a request for a supplier is out of scope, not a fact
    about the business): 49 and 44, from 48 and 44."""
    score = score_conversations(SETS / f"conv-{name}.yaml")
    assert len(score.right) == turns
    assert sum(score.right) >= right, score.misses[:5] if name == "dev" else score.by_label()


def test_a_brief_with_a_request_for_help_is_drafted_not_interviewed() -> None:
    reply = _chat().respond(
        "hiya, I run a mobile dog grooming van in Bristol, mostly book through Facebook "
        "messages and a Google form. people book once and I never hear from them again. can "
        "you help me map it out?"
    )
    assert reply.intent == "draft_map" and "Drafted" in reply.text


def test_an_opener_that_asks_to_be_guided_starts_the_interview_and_keeps_the_business() -> None:
    chat = _chat()
    reply = chat.respond("I want to make a journey map for my swim school, can you guide me")
    assert reply.intent == "start_interview" and "Step 0 of 6" in reply.text
    assert "swim school" in reply.text and chat.session.map is None
    chat.respond("lessons for children 3-10 in a hired hotel pool, Dublin")
    interview = chat.session.interview
    assert interview is not None and interview.name == "persona"
    assert "swim school" in interview.business and "hotel pool" in interview.business


def test_a_remark_is_kept_and_the_question_asked_again() -> None:
    chat = _chat()
    _guided(chat, "a community choir in Sheffield", "skip")
    reply = chat.respond("the hardest part is getting people from the taster to paying")
    assert reply.intent == "reask" and "Step 2 of 6" in reply.text and chat.session.map is None
    assert chat.session.interview is not None
    assert chat.session.interview.told == [
        "the hardest part is getting people from the taster to paying"
    ]
    nod = chat.respond("yes")
    assert nod.intent == "reask" and "Step 2 of 6" in nod.text
    chat.respond("find us, free taster night, pay termly subs, sing in the concert")
    pains = chat.respond("skip")  # touchpoints
    pains = chat.respond("skip")  # feelings: the pains question recalls the remark
    assert "You told me earlier" in pains.text and "taster to paying" in pains.text


def test_draft_it_from_what_i_said_drafts_from_every_answer() -> None:
    chat = _chat()
    _guided(
        chat,
        "we're a community choir in Sheffield, people come to a free taster night then pay "
        "termly subs",
        "a retired teacher who wants to sing again, worried her voice isn't good enough",
    )
    reply = chat.respond("can you just draft the whole thing from what I said")
    assert reply.intent == "draft_map" and chat.session.interview is None
    assert chat.session.map is not None
    names = " ".join(s.name.lower() for s in chat.session.map.stages)
    assert "taster" in names and "choir" in reply.text.lower()


def test_a_request_mid_interview_is_answered_then_the_question_comes_back() -> None:
    chat = _chat()
    _guided(chat, "a tattoo studio in Cardiff", "skip", "find us, consult, book, get inked")
    assert chat.session.map is not None and chat.session.interview is not None
    rename = chat.respond("can you rename the second one to Consultation")
    assert rename.intent == "rename_stage" and chat.session.pending
    assert chat.session.map.stages[1].name == "Consult"  # proposed, not applied
    answer = chat.respond("find us: Instagram, walk-ins; book: deposit link")  # still answered
    assert answer.intent == "interview" and answer.slots.get("step") == "touchpoints"
    assert [t.name for t in chat.session.map.stages[0].touchpoints] == ["Instagram", "Walk-ins"]
    assert chat.session.pending  # the rename still waits
    accepted = chat.respond("yes")
    assert accepted.intent == "accept" and chat.session.map.stages[1].name == "Consultation"
    assert "Back to your map" in accepted.text and "Step 4 of 6" in accepted.text
    asked = chat.respond("export it as a spreadsheet pls")
    assert asked.intent == "export" and "Back to your map" in asked.text


def test_loose_answers_are_read_stage_by_stage() -> None:
    chat = _chat()
    _guided(
        chat,
        "BSL classes in Glasgow",
        "skip",
        "finds the course, tries a free taster, enrols, weekly classes, exam, level 2",
        "skip",
    )
    felt = chat.respond("finds 3 unsure, taster 5 excited, weekly 3 knackered, exam 1, level 2 4")
    assert felt.intent == "interview" and "Set how 5 stage(s) feel" in felt.text
    journey = chat.session.map
    assert journey is not None
    scores = {s.name: s.emotion.score if s.emotion else None for s in journey.stages}
    assert scores == {
        "Finds the course": 3, "Tries a free taster": 5, "Enrols": None,
        "Weekly classes": 3, "Exam": 1, "Level 2": 4,
    }  # fmt: skip
    chat.respond("exam: no practice, fix: run a mock exam night")
    owned = chat.respond("me for all of it - book a mock night in May")
    journey = chat.session.map
    assert owned.intent == "interview" and all(
        s.owners == ["Me (the owner)"] for s in journey.stages
    )
    ideas = [o.description for s in journey.stages for o in s.opportunities]
    assert ideas.count("book a mock night in May") == 1  # once, on the exam
    assert "book a mock night in May" in [o.description for o in journey.stages[4].opportunities]


@pytest.mark.parametrize(
    "said", ["we dont really have a team, lets stop here", "stop there ta", "nah thats me done"]
)
def test_a_stop_said_anywhere_in_the_message_ends_the_interview(said: str) -> None:
    chat = _chat()
    _guided(chat, "a bike co-op in Portland")
    reply = chat.respond(said)
    assert reply.intent == "stop_interview" and chat.session.interview is None


def test_a_question_about_a_map_that_does_not_exist_says_so() -> None:
    reply = _chat().respond("which stage hurts the most?")
    assert "There is no map yet" in reply.text and "From the guidance" not in reply.text


def test_the_interview_asked_for_only_as_help_drafts_a_whole_brief_given_as_its_answer() -> None:
    chat = _chat()
    chat.respond("hi, can you help me with my customer journey please")
    reply = chat.respond(
        "we sell refurbished laptops online and in 3 shops, mostly young professionals. people "
        "find us on Instagram and compare battery grades before they buy"
    )
    assert reply.intent == "draft_map" and chat.session.interview is None


def test_edits_said_one_after_another_all_wait_for_one_yes() -> None:
    """'call it X', then 'make it a 2', then 'add a pain point …' and 'an idea for that - …':
    the earlier proposals are kept, not silently replaced, and one yes applies them all."""
    chat = _chat()
    chat.respond(
        "I run a mobile dog grooming van in Bristol, people book through Facebook messages and a "
        "Google form, and book once and I never hear from them again. can you help me map it out?"
    )
    journey = chat.session.map
    assert journey is not None
    first = journey.stages[0].name
    chat.respond('can we call the first stage something like "Spotting the van"')
    felt = chat.respond("the booking bit feels way more stressful than that, make it a 2")
    assert len(chat.session.pending) == 2 and "1 was already waiting" in felt.text
    chat.respond("add a pain point to booking: they wait days for me to reply on facebook")
    idea = chat.respond("and an idea for that - an online calendar they can pick a slot from")
    assert idea.intent == "add_opportunity" and len(chat.session.pending) == 4
    booking = idea.slots.get("stage")
    chat.respond("yes")
    journey = chat.session.map
    assert journey is not None and not chat.session.pending
    assert journey.stages[0].name == "Spotting the van" and first != "Spotting the van"
    stage = next(s for s in journey.stages if s.name == booking)
    assert stage.emotion is not None and stage.emotion.score == 2
    assert [p.description for p in stage.pain_points][-1].startswith("They wait days")
    assert stage.opportunities[-1].description == "An online calendar they can pick a slot from"


def test_a_change_that_no_longer_fits_replaces_the_waiting_one() -> None:
    chat = _chat()
    _guided(chat, "a tattoo studio", "skip", "find us, consult, book, get inked", "stop")
    chat.respond("rename Consult to Chat")
    chat.respond("actually rename Consult to Consultation")  # the first rename is gone
    assert [c.args.get("new_name") for c in chat.session.pending] == ["Consultation"]


@pytest.mark.parametrize(
    "said", ["show me the map", "show me what you've got", "what have we got so far?"]
)
def test_the_map_is_shown_stage_by_stage_when_asked_for(said: str) -> None:
    chat = _chat()
    _guided(chat, "a tattoo studio", "skip", "find us, consult, book, get inked")
    chat.respond("find us: Instagram; book: deposit link")
    chat.respond("stop")
    reply = chat.respond(said)
    assert reply.intent == "show_map", reply.text
    assert "4 stages" in reply.text and "1. **Find us**: at Instagram" in reply.text
    assert "4. **Get inked**: nothing on it yet" in reply.text


def test_what_a_step_means_is_explained_and_its_question_asked_again() -> None:
    chat = _chat()
    _guided(chat, "a driving instructor in Leicester", "skip")
    reply = chat.respond("sorry what do you mean by stages exactly? like the lessons?")
    assert "Stages are the big steps" in reply.text and "Step 2 of 6" in reply.text
    assert "There is no map yet. Describe" not in reply.text


def test_stage_names_leave_out_what_is_said_around_the_list() -> None:
    chat = _chat()
    _guided(chat, "a chimney sweep in Devon", "skip")
    chat.respond(
        "stages I'd say they realise it's been a year then they ring then we come out then the "
        "sweep then the certificate and then reminder next year does that make sense"
    )
    journey = chat.session.map
    assert journey is not None
    assert [s.name for s in journey.stages] == [
        "They realise it's been a year", "They ring", "We come out", "The sweep",
        "The certificate", "Reminder next year",
    ]  # fmt: skip


def test_owners_for_everything_are_not_touchpoints() -> None:
    chat = _chat()
    _guided(chat, "a driving instructor", "skip", "find us, book, first lesson, pass")
    reply = chat.respond("owner is me for nearly everything, Priya does the automatic pupils")
    journey = chat.session.map
    assert journey is not None and not any(s.touchpoints for s in journey.stages)
    assert reply.intent == "reask"


def test_an_ok_that_asks_for_something_else_leaves_the_proposal_waiting() -> None:
    chat = _chat()
    _guided(chat, "a tattoo studio", "skip", "find us, consult, book, get inked", "stop")
    chat.respond("rename Consult to Consultation")
    shown = chat.respond("ok show me the whole map")
    assert shown.intent == "show_map" and len(chat.session.pending) == 1
    assert chat.respond("yes add it").intent == "accept" and not chat.session.pending


def test_which_parts_came_from_the_user_is_answered_from_the_map() -> None:
    """ "which touchpoints come from what I told you?" got the stage overview in the browser
    run (session 36); it lists the parts marked as the user's, or the assistant's additions."""
    chat = _chat()
    chat.respond(
        "We are seafood wholesaler in Busan. Restaurant owners find us from our Naver Blog, then "
        "send a message on our KakaoTalk Channel to ask prices. Only about 1 in 4 new accounts "
        "make a second order. I want half by end of this year."
    )
    mine = chat.respond("which touchpoints come from what I told you?")
    assert "from what you told me" in mine.text
    assert "KakaoTalk Channel" in mine.text and "Naver Blog" in mine.text
    assert "Sales contact" not in mine.text, "an inferred touchpoint is not the user's"
    added = chat.respond("what did you make up?")
    assert "I added" in added.text and "Naver Blog" not in added.text
    asked = chat.respond("which stage hurts the most?")
    assert "told me" not in asked.text


def test_where_the_users_problem_sits_is_answered_with_its_stage_and_measure() -> None:
    """ "where does my problem sit on the map, and how do we measure it?" got the critique in
    the browser run (session 37): it names the stage holding the user's problem and the KPI
    carrying their figures."""
    chat = _chat()
    chat.respond(
        "We fit walk-in showers near Nantes. Families find us on PagesJaunes, we do a home "
        "visit, send the devis, then we do the works in 3 days. Today only 1 devis in 3 becomes "
        "a job, we want 1 in 2. draft it"
    )
    where = chat.respond("where does my problem sit on the map, and how do we measure it?")
    assert "**Get the devis**" in where.text and "(1 in 3 → 1 in 2)" in where.text, where.text
    assert "Score" not in where.text
    assert "Score" in chat.respond("critique the map").text
