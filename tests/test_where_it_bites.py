"""Where a stated problem bites, when the brief names no stage for it (session 41).

Owners tell a problem by what people do or suffer ("they keep coming back to the counter asking
where their food is", "it takes three weeks until they have a working one again"), not by the
stage it belongs to. These briefs are written here in other words than the development set's
(evals/devsets/briefs/fresh-s41-a.yaml), so that the rules are tried on more than the briefs
they were made from.
"""

from __future__ import annotations

from journey_assistant.drafting import draft_offline
from journey_assistant.models import JourneyMap
from journey_assistant.understanding import read_brief
from journey_assistant.vocab import Phase


def _pain_stages(journey: JourneyMap) -> dict[str, str]:
    """The user's pain points, each with the stage that holds it."""
    return {
        p.description: s.name
        for s in journey.stages
        for p in s.pain_points
        if p.provenance == "user"
    }


def test_people_chasing_their_order_while_they_wait_is_the_wait() -> None:
    brief = (
        "We run a busy little taco bar in Leeds. On Friday nights folk keep coming up to the "
        "till asking where their tacos are, and a few just want their money back and go."
    )
    reading = read_brief(brief)
    assert reading.problems, "the chasing is the problem"
    assert reading.problems[0].phase == Phase.usage
    pains = _pain_stages(draft_offline(brief, reading=reading))
    assert any("asking where their tacos are" in p for p in pains)
    at = next(s for p, s in pains.items() if "asking where" in p)
    assert at == "Wait for the tacos", pains


def test_coming_back_to_the_counter_to_ask_is_no_job_that_comes_back() -> None:
    journey = draft_offline(
        "Tiny bagel place in Cork. Mornings people order at the counter and then keep coming "
        "back up asking where their bagel is, and some just walk out."
    )
    wait = next(s for s in journey.stages if s.name == "Wait for the bagel")
    first = wait.opportunities[0].description
    assert first.startswith("Send status updates before people need to ask"), first
    assert "Look out for their name or number" in wait.actions


def test_a_chase_told_after_a_wait_in_one_sentence_is_the_same_problem() -> None:
    reading = read_brief(
        "I restore vintage radios sent to me by post. The bit that hurts is the turnaround, "
        "it is 5 or 6 weeks and I get a stream of emails asking where their radio is."
    )
    chase = [p for p in reading.problems if "asking where their radio is" in p.text]
    assert len(chase) == 1, [p.text for p in reading.problems]
    assert "5 or 6 weeks" in chase[0].text  # with the wait it follows, not on its own


def test_a_repair_after_something_breaks_gets_a_stage_of_its_own() -> None:
    brief = (
        "We sell reconditioned coffee machines online with a year's guarantee. When one stops "
        "working, people post it back to us and it takes about a month before they have "
        "coffee again. We want that under 10 days."
    )
    journey = draft_offline(brief)
    pains = _pain_stages(journey)
    at = next(s for p, s in pains.items() if "month" in p)
    assert at == "Get it fixed", pains
    names = [s.name for s in journey.stages]
    assert names.index("Get it fixed") > 2, names  # after buying and using it


def test_missing_consent_forms_before_the_day_are_getting_ready_not_signing_up() -> None:
    brief = (
        "We run outdoor education trips for primary schools in Cumbria. Our headache is the "
        "permission slips: the night before the coach leaves we are still chasing a quarter of "
        "them, and some kids arrive with allergies nobody told us about."
    )
    reading = read_brief(brief)
    assert reading.problems and reading.problems[0].phase == Phase.onboarding
    pains = _pain_stages(draft_offline(brief, reading=reading))
    at = next(s for p, s in pains.items() if "permission slips" in p)
    assert at == "Get the forms in", pains


def test_people_who_turn_up_unfit_for_it_are_a_problem_of_the_day_itself() -> None:
    brief = (
        "Piercing and tattoo studio in Cork, bookings by Instagram DM with a 50 euro deposit. "
        "Too many clients turn up drunk or without ID and we have to send them home."
    )
    reading = read_brief(brief)
    assert [p.phase for p in reading.problems][:1] == [Phase.usage]
    kinds = {"consultation", "appointment", "session", "visit", "day"}
    pains = _pain_stages(draft_offline(brief, reading=reading))
    at = next(s for p, s in pains.items() if "without ID" in p)
    assert any(k in at.lower() for k in kinds) and "deposit" not in at.lower(), pains


def test_things_sent_back_to_swap_get_a_stage_for_the_swap() -> None:
    brief = (
        "We make school blazers for six schools in Cape Town, parents order online in January. "
        "About 1 in 4 blazers come back for an exchange because nobody measures the kids."
    )
    reading = read_brief(brief)
    assert reading.problems[0].phase == Phase.support
    pains = _pain_stages(draft_offline(brief, reading=reading))
    assert next(s for p, s in pains.items() if "exchange" in p) == "Swap or return it", pains


def test_people_who_have_quit_by_month_three_are_lost_at_renewal_not_sign_up() -> None:
    reading = read_brief(
        "I teach piano from my flat in Hobart. Adults sign up for a term full of beans and by "
        "week 6 most have quit."
    )
    assert [p.phase for p in reading.problems] == [Phase.retention]


def test_reviews_that_mention_it_measure_the_problem_told_before() -> None:
    reading = read_brief(
        "We rent out motorhomes from a yard near Glasgow airport. People fly in, get a taxi "
        "over and then they are sitting around our office for an hour and a half before they "
        "drive off. Most of our bad reviews mention it."
    )
    assert len(reading.problems) == 1, [p.text for p in reading.problems]
    problem = reading.problems[0]
    assert problem.phase == Phase.onboarding
    assert "sitting around our office" in problem.text
    assert "bad reviews mention it" in problem.text


def test_walking_out_of_the_sales_chat_is_lost_at_the_sign_up() -> None:
    reading = read_brief(
        "Independent climbing gym in Bristol. Loads of people love the taster session, then "
        "they sit down with our sales guy to talk memberships and half of them walk out."
    )
    assert [p.phase for p in reading.problems] == [Phase.purchase], [
        (p.phase, p.text) for p in reading.problems
    ]


def test_students_who_stop_asking_questions_are_lost_in_the_lessons() -> None:
    reading = read_brief(
        "We run a maths tuition centre in Nairobi for KCSE candidates. After a couple of months "
        "the quieter students stop asking questions and just copy the board."
    )
    assert [p.phase for p in reading.problems] == [Phase.usage]


def test_what_a_business_lists_after_who_it_is_is_no_problem() -> None:
    reading = read_brief(
        "We are a conveyancing office in Porto, property paperwork. About a third of buyers "
        "let the payment link expire and the sale just sits there."
    )
    assert all("conveyancing office" not in p.text for p in reading.problems)
    assert any("expire" in p.text for p in reading.problems)


def test_a_page_flooded_with_questions_sells_nothing() -> None:
    reading = read_brief(
        "We are a door to door box forwarder, our agents pick up the boxes from Kenyan families "
        "in London and we clear and deliver them here all over Nairobi. Our office line gets "
        "flooded everyday by relatives asking where is the box already."
    )
    assert all("flooded" not in o.text for o in reading.offering), reading.offering
    assert read_brief("We ship parcels from London to Lagos.").offering[0].text == (
        "shipping parcels"  # not "shiping"
    )


def test_a_good_time_and_a_prepositional_phrase_are_no_steps() -> None:
    reading = read_brief(
        "Our rowing club runs a learn to row course each spring. Most of the beginners then "
        "join a novice crew for the summer and have a great time. By next spring few are back."
    )
    texts = [s.text.lower() for s in reading.steps]
    assert not any(t.startswith(("of ", "have a")) for t in texts), texts


def test_the_owners_me_in_a_stage_name_is_the_business() -> None:
    journey = draft_offline(
        "I run reactive dog classes in Cardiff. Owners find me through their vet, then they pay "
        "me first and come to six weekly sessions in a field. Half drop out after 2 sessions."
    )
    names = [s.name for s in journey.stages]
    assert not any(w in ("me", "my") for n in names for w in n.lower().split()), names


def test_a_chase_after_the_hand_over_is_answered_with_updates() -> None:
    """ "once the chair is with me, people message every few days asking when its ready": a
    chase after the hand-over, answered by telling people before they ask ("every few days"
    says how often, not that too few people come), and "a one-woman upholsterer" offers
    upholstery."""
    brief = (
        "One-woman upholsterer in Bath, people find me on Instagram and send photos for a "
        "price. Biggest headache: once the sofa is with me, people message every few days "
        "asking when its ready, and a few even cancel."
    )
    reading = read_brief(brief)
    assert [o.text for o in reading.offering][:1] == ["upholstery"]
    assert reading.problems and "asking when its ready" in reading.problems[0].text
    journey = draft_offline(brief, reading=reading)
    ideas = [
        o.description
        for s in journey.stages
        for p in s.pain_points
        if p.provenance == "user"
        for o in s.opportunities
        if o.addresses == p.id
    ]
    assert ideas and ideas[0].startswith("Send status updates before people need to ask"), ideas
    assert not any("Reach the people most likely to come" in i for i in ideas), ideas
