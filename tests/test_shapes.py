"""Journey shapes: a business no industry pack covers is drafted in the shape it is bought
and delivered in (hire, appointment, quote...), named with its own nouns."""

from __future__ import annotations

import pytest

from journey_assistant.compose import _fill, nouns, shapes
from journey_assistant.drafting import draft_offline
from journey_assistant.understanding import read_brief
from journey_assistant.understanding.content import answers
from journey_assistant.vocab import Phase

HIRE = (
    "We hire out six narrowboats on the Monmouthshire canal for long weekends. People book on "
    "our website or by phone. Lots of first-timers cancel a week before because the locks "
    "sound scary. We'd like cancellations down from 15% to 5%."
)


@pytest.mark.parametrize(
    ("brief", "shape"),
    [
        (HIRE, "hire"),
        ("We rent scissor lifts and cherry pickers to builders around Leeds, quotes by "
         "phone, we'd like more repeat hires", "hire"),
        ("Mobile piano tuner in Bath. People ring to book a tuning, but only a few rebook "
         "the next year. Want 50% to rebook.", "appointment"),
        ("I build garden walls and patios. People ask for a quote on Facebook, then half go "
         "quiet after the site visit. Want to win 1 in 2 quotes.", "quote"),
        ("Our district council issues street trading licences; applicants apply with a paper "
         "form and half are sent back. Want 80% right first time.", "application"),
        ("Small charity for hedgehog rescue; supporters donate via JustGiving and volunteers "
         "help at the hospital. Want more regular donors.", "giving"),
        ("Wedding photographer in Kent, couples hire me through Instagram and Hitched. I'd "
         "like more enquiries to turn into bookings.", None),
        ("Council-run ferry to a small island, 3 sailings a day. Tourists book the car spaces "
         "so locals miss hospital appointments.", "ticket"),
    ],
)  # fmt: skip
def test_the_shape_is_read_from_how_the_brief_says_people_buy(
    brief: str, shape: str | None
) -> None:
    read = read_brief(brief).shape
    assert (read.text if read else None) == shape or (shape is None and read.text != "hire")


def test_a_hire_business_gets_the_hire_journey_in_its_own_nouns() -> None:
    journey = draft_offline(HIRE)
    names = [s.name for s in journey.stages]
    assert "Pick up the narrowboat" in names and "Return the narrowboat" in names
    assert any(n.startswith("Book") for n in names)
    # the cancellation before the day is a pain of getting ready, not of coming back
    said = [
        s
        for s in journey.stages
        for p in s.pain_points
        if p.provenance.value == "user" and "cancel" in p.description.lower()
    ]
    (stage,) = said
    assert stage.phase == Phase.onboarding
    # the handover is in person, so a physical touchpoint is not pruned away
    pick_up = journey.stages[names.index("Pick up the narrowboat")]
    assert any(t.channel.value == "physical" for t in pick_up.touchpoints)
    assert "Journey shape: hire" in "\n".join(read_brief(HIRE).summary())
    # six narrowboats are narrowboats; the fear behind the cancellations gets its own idea;
    # the first-timers the brief names are the personas
    assert read_brief(HIRE).offering[0].text == "narrowboats"
    assert journey.stages[0].actions[0] == "Look for narrowboats on the Monmouthshire canal"
    (idea,) = [o for o in stage.opportunities if o.addresses == said_pain(stage).id]
    assert idea.description.startswith("Take the fear out before the day")
    assert all("First-Timer" in p.name for p in journey.personas), journey.personas


def said_pain(stage):  # type: ignore[no-untyped-def]
    return next(p for p in stage.pain_points if p.provenance.value == "user")


def test_two_businesses_of_one_shape_get_different_maps() -> None:
    tuner = draft_offline("Piano tuner in York; people text to book a tuning and forget to "
                          "rebook. Want 40% rebooking.")  # fmt: skip
    groomer = draft_offline("Dog groomer in Hull, owners book grooms on Facebook, too many "
                            "no-shows. Want no-shows under 5%.")  # fmt: skip
    assert [s.name for s in tuner.stages] != [s.name for s in groomer.stages]
    assert any("tuning" in s.name.lower() for s in tuner.stages)
    assert any("groom" in s.name.lower() for s in groomer.stages)


def test_every_shape_idea_answers_its_own_pain() -> None:
    slots = nouns(read_brief("We make celebration cakes to order in Leeds; people collect them."))
    for name, shape in shapes().items():
        for stage in shape.stages:
            if stage.pain and stage.fix:
                pain, fix = _fill(stage.pain.text, slots), _fill(stage.fix.text, slots)
                assert answers(pain, fix), (name, stage.name, pain, fix)


def _ideas_for_stated_problems(brief: str) -> list[str]:
    journey = draft_offline(brief)
    return [
        o.description
        for s in journey.stages
        for o in s.opportunities
        if any(p.id == o.addresses and p.provenance.value == "user" for p in s.pain_points)
    ]


@pytest.mark.parametrize(
    ("brief", "idea"),
    [
        ("Yoga studio in Cork. Only 1 in 4 people who try a class buy a class pass. Want 1 in 2.",
         "Make it easy to buy a class pass"),
        ("Window cleaner in Derby. Only about 12% of customers rebook within a year. Want 40%.",
         "Make it easy to rebook within a year"),
        ("Bakery in Frome. Like 1 in 5 preorders dont turn up to collect. Want 1 in 20.",
         "Cut no-shows"),
        ("Sofa maker in Leeds. Buyers don't know how long delivery takes until they ring us.",
         "Tell people how long delivery takes"),
        ("Coffee roaster selling to cafés. We lost 4 of 30 wholesale clients last year.",
         "Call every one of the wholesale clients who left"),
        ("Mortgage broker. The valuation step takes 3 weeks and clients go elsewhere.",
         "Bring the 3 weeks down"),
        ("Allotment society with 80 plots and 150 on the waiting list. Want fewer chasers.",
         "Show everyone on the waiting list where they are"),
        ("Gutter cleaner in Leeds. Every autumn I'm booked out to December and people go to "
         "whoever can come sooner.", "Spread the demand"),
        ("Home test kits. About 30% of the kits we ship never get mailed back to the lab.",
         "Make sending it back effortless"),
        ("We hire out party inflatables in Bristol. Too many come back late and the next "
         "booking is left waiting.", "Agree the return date and time when people book"),
        ("Tree surveys for planning: nesting-bird checks can only be done in spring, so people "
         "who ask in autumn wait months and go elsewhere.", "Tell people when the season runs"),
    ],
)  # fmt: skip
def test_a_stated_problem_gets_an_idea_in_its_own_words(brief: str, idea: str) -> None:
    ideas = _ideas_for_stated_problems(brief)
    assert any(i.startswith(idea) for i in ideas), ideas
    assert not any(i.startswith("Find out why") for i in ideas)


def test_a_day_out_sold_as_gift_vouchers_is_an_experience_not_goods() -> None:
    brief = (
        "We run hawk walk experience days on a farm in Somerset. Most people buy a gift voucher "
        "on our website as a present, and about a third of vouchers expire unused. We want "
        "more of them redeemed."
    )
    reading = read_brief(brief)
    assert reading.shape is not None and reading.shape.text == "experience", reading.shape
    journey = draft_offline(brief)
    names = [s.name for s in journey.stages]
    assert "Before the day" in names and "The day itself" in names, names
    text = " ".join(t.name for s in journey.stages for t in s.touchpoints).lower()
    assert "delivery" not in text and "returns" not in text, text


PIANO = (
    "I teach piano from my front room in Leeds, about 25 pupils, mostly children whose parents "
    "pay by the term. Most find me through the school newsletter. A good few give up after "
    "their first grade; I'd like 80% to carry on into a second year."
)


@pytest.mark.parametrize(
    ("brief", "shape"),
    [
        (PIANO, "course"),
        # selling and buying say little: the tickets do
        ("We run the day-ticket window at a small ski hill. Season passes sell fine online but "
         "only a quarter of day tickets are bought ahead, and the Saturday queue is 40 minutes. "
         "Want 60% bought online.", "ticket"),
        # being booked says little: trips are no appointments
        ("Guided canoe trips on the Wye, half-day and full-day. Most bookings come through "
         "Viator and we pay 25% commission. Want more people to book direct.", None),
    ],
)  # fmt: skip
def test_the_shape_is_what_the_business_mainly_sells_not_a_word_every_business_uses(
    brief: str, shape: str | None
) -> None:
    read = read_brief(brief).shape
    assert (read.text if read else None) == shape, read


def test_a_teacher_gets_a_course_not_a_hire_of_what_they_lend_out() -> None:
    """The review of session 15 found a harp teacher who also rents out beginner harps drafted
    as an equipment hire ("Return the lever … deposit refunds are slow")."""
    brief = PIANO.replace("Most find me", "I rent out keyboards to beginners as well. Most find me")
    reading = read_brief(brief)
    assert reading.shape is not None and reading.shape.text == "course", reading.shape
    journey = draft_offline(brief)
    names = [s.name for s in journey.stages]
    assert "Try a first lesson" in names and "Carry on next term" in names, names
    said = " ".join(str(s.model_dump()) for s in journey.stages).lower()
    assert "deposit" not in said and "hire" not in said
    # "a good few give up" is many giving up, not too few coming: a fix for giving up
    ideas = [
        o.description
        for s in journey.stages
        for o in s.opportunities
        if any(p.id == o.addresses and p.provenance.value == "user" for p in s.pain_points)
    ]
    assert ideas and ideas[0].startswith("Check in early"), ideas


def test_the_shapes_of_the_development_briefs_are_read_as_labelled() -> None:
    """evals/devsets/briefs/shapes.yaml: the shape of each development brief, labelled by a
    helper from the briefs' text alone. A wrong shape fills a draft with another business
    model's template; no shape gives the general framework. Session 16 started at right
    168/250 (0.67), wrong 35 on dev..dev8, and 13/25, wrong 7 on dev9 (kept aside); after
    the course shape, half weight for words every business uses and 'book a tour' as a first
    look: 182/250, wrong 13; dev9 15/25, wrong 2. Session 17: 181/250 (a glassblower's "the
    order has to go through purchasing" is no longer read as an order placed, which had made
    it made-to-order by luck; its PO is the conversion now, and no shape is sure). Session
    38 added the service contract shape and a second helper's marks of the briefs it fits
    (`contract`): with them, 183/250 right and 18 wrong before the shape, 185 and 16 after;
    dev9 14/25, wrong 2, both times. Session 39: those counts took a brief read as no shape
    for right when its label had no second choice; counted strictly, session 38 ended at
    141/250 right, 16 wrong, 93 none (dev9 12, 2, 11). A third helper marked the briefs that
    are item services (item-service-labels.yaml; two briefs no shape fitted now count, 252):
    with those labels 138 right and 20 wrong before the item service shape, 141 and 18 after
    (a taxidermist, a guitar repairer, a mail-in knife sharpener); dev9 still 12 and 2."""
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[1] / "evals/devsets/briefs"
    labels = yaml.safe_load((root / "shapes.yaml").read_text(encoding="utf-8"))
    items = {  # session 39's item services, marked by a third helper
        (i["set"], i["id"]): i["item"]
        for i in yaml.safe_load((root / "item-service-labels.yaml").read_text(encoding="utf-8"))
    }
    briefs = {
        (name, case["id"]): case["brief"]
        for name in ("dev", *(f"dev{n}" for n in range(2, 10)))
        for case in yaml.safe_load((root / f"{name}.yaml").read_text(encoding="utf-8"))
    }
    tally = {"tune": [0, 0, 0], "aside": [0, 0, 0]}  # right, wrong, none
    for label in labels:
        contract = label.get("contract")  # session 38's service contracts, by a second helper
        if contract == "service_contract":
            label = {**label, "shape": "service_contract", "also": None}
        elif contract == "borderline":
            label = {**label, "also": label.get("also") or "service_contract"}
        item = items.get((label["set"], label["id"]))
        if item == "item_service":
            label = {**label, "shape": "item_service", "also": None}
        elif item == "borderline":
            label = {**label, "also": label.get("also") or "item_service"}
        if label["shape"] == "other":
            continue
        read = read_brief(briefs[(label["set"], label["id"])]).shape
        part = tally["aside" if label["set"] == "dev9" else "tune"]
        got = read.text if read else None
        if got == "volunteering":  # the labels' "giving" took in volunteering, a shape of its
            got = "giving"  # own since session 31
        if got == "repairs":  # and their "appointment" a landlord's repairs service (a shape of
            got = "appointment"  # its own since session 33: report it, get a date, the visit)
        part[2 if got is None else 0 if got in (label["shape"], label.get("also")) else 1] += 1
    assert sum(tally["tune"]) == 252 and tally["tune"][0] >= 141 and tally["tune"][1] <= 18
    assert sum(tally["aside"]) == 25 and tally["aside"][0] >= 12 and tally["aside"][1] <= 2


def test_a_rival_said_plainly_is_no_conversion_and_a_lift_to_the_doctor_no_day_out() -> None:
    coaching = read_brief(
        "We are computer coaching centre in Indore, 3 month batches. Many students come for free "
        "demo class and join other academy who is charging less. We want 40% demo students to "
        "pay fees."
    )
    assert not any("other" in c.text for c in coaching.conversions), coaching.conversions
    assert coaching.shape is not None and coaching.shape.text == "course", coaching.shape
    transport = read_brief(
        "Our charity's volunteer drivers give older people trips to the surgery, the shops and "
        "lunch clubs. Passengers or their daughters ring the office to book a trip. We need 10 "
        "more drivers by spring."
    )
    # recruiting volunteer drivers: their time is asked for (the volunteering shape, split
    # from giving in session 31), and the trips are no day out
    assert transport.shape is not None and transport.shape.text == "volunteering", transport.shape
    assert transport.shape.confidence >= 0.6


def test_every_shape_is_said_under_what_was_understood() -> None:
    """A day out read with no pack crashed `journey draft` (KeyError 'experience'): the
    shape had stages in the catalog but no words for "What I understood"."""
    from journey_assistant.understanding.shapes import LABELS

    assert set(LABELS) == set(shapes())
    reading = read_brief(
        "Guided coasteering experiences on the Gower, wetsuits included. Guests love it "
        "but few leave a review on Tripadvisor. Want 100 reviews by September."
    )
    assert reading.shape is not None and reading.shape.text == "experience", reading.shape
    assert not reading.industry.used, reading.industry
    assert any(line.startswith("Journey shape: an experience") for line in reading.summary())


def test_a_course_has_a_milestone_stage_only_when_the_brief_has_a_milestone() -> None:
    """The second review found exams and gradings invented for an upholstery evening course."""
    plain = draft_offline(
        "I teach upholstery evening classes in Bristol, 8-week terms, 6 learners a class. Most "
        "find me on Eventbrite. Half never sign up for a second term; I want 70% to carry on."
    )
    assert "Show what they have learned" not in [s.name for s in plain.stages]
    graded = draft_offline(PIANO)  # "give up after their first grade"
    assert "Show what they have learned" in [s.name for s in graded.stages]


def test_a_hire_shop_hires_out_its_goods_and_late_returns_belong_to_the_return() -> None:
    """The second review found "Return the service" for a costume hire shop, and its stated
    problem (costumes back late or damaged) under "Hire again"."""
    brief = (
        "We're a party costume hire shop in Leeds with about 3,000 outfits. Schools and party "
        "planners hire in bulk. Biggest problem is outfits coming back late or damaged and "
        "deposits turning into arguments. Goal is to cut late returns from 1 in 4 to 1 in 10."
    )
    reading = read_brief(brief)
    assert [o.text for o in reading.offering][:1] == ["party costumes"], reading.offering
    assert len([p for p in reading.problems if "late" in p.text.lower()]) == 1, reading.problems
    journey = draft_offline(brief)
    (stage,) = [
        s
        for s in journey.stages
        for p in s.pain_points
        if p.provenance.value == "user" and "late" in p.description.lower()
    ]
    assert stage.name.startswith("Return"), stage.name


@pytest.mark.parametrize(
    ("brief", "shape"),
    [
        ("We build shepherd's huts by hand in Herefordshire, lead time is 7-9 months. Leads "
         "come from our stands at the Hay Festival and the county show.", "made_to_order"),
        ("We're a volunteer-run free tax clinic in Halifax; appointments are booked by phone "
         "and staffed by volunteers.", "appointment"),
        ("We run a free repair café in Galway once a month: volunteers fix lamps and bikes, and "
         "we'd love more visitors to come back.", None),
    ],
)  # fmt: skip
def test_where_a_business_is_found_and_who_staffs_it_do_not_decide_its_shape(
    brief: str, shape: str | None
) -> None:
    """Stands at a festival are where a hut maker is found, not tickets it sells; volunteers
    who run a clinic are its workforce, not donors (the review found a ticketed event for a
    £30k build and a donor journey for a free tax clinic)."""
    reading = read_brief(brief)
    assert (reading.shape.text if reading.shape else None) == shape, reading.shape


SNAKES = (
    "I run a licensed snake and possum catching business on Brisbane's northside, snake "
    "relocations are $150-$220 a callout. Most customers are panicking homeowners who've found "
    "a brown snake in the laundry, and they google 'snake catcher near me' and hit call off our "
    "Google Business Profile, a few come thru the council's list. Problem is when I'm up in a "
    "roof I can't answer, it goes to voicemail and they just ring the next bloke on Google. "
    "Want calls answered or called back within 5 mins from about 60% to 90%."
)


def test_an_urgent_call_out_gets_through_before_anything_else() -> None:
    """A snake catcher was drafted as a council permit ("Apply for licensed snake", "Get the
    decision") because the brief named the council's list; an emergency glazier as a quoted
    job ("Confirm the start date a week before"). An urgent call-out has its own shape, and a
    missed call is a problem of getting through, with one idea for it."""
    reading = read_brief(SNAKES)
    assert reading.sector.text == "b2c", reading.sector  # a council named is no public service
    assert reading.shape is not None and reading.shape.text == "callout", reading.shape
    assert reading.goals[0].baseline == "60%" and reading.goals[0].target == "90%"
    journey = draft_offline(SNAKES)
    names = [s.name for s in journey.stages]
    assert names[:3] == ["Something goes wrong", "Get through", "Agree the call-out"], names
    through = journey.stages[1]
    said = [p for p in through.pain_points if p.provenance.value == "user"]
    assert len(said) == 1 and "voicemail" in said[0].description, said  # told in turns: one pain
    ideas = [o for o in through.opportunities if o.addresses == said[0].id]
    assert len(ideas) == 1 and "answering service" in ideas[0].description, ideas
    assert not any("unanswered" in p.description for p in through.pain_points)  # the stock one


@pytest.mark.parametrize(
    ("brief", "shape"),
    [
        # a free advice charity's clients book appointments; nobody is asked to donate
        ("We're a small debt advice charity in north Belfast, completely free and confidential. "
         "Most clients are referred by GP surgeries and book a first appointment by ringing our "
         "freephone line. Our biggest issue is people not turning up to that first appointment. "
         "We'd like attendance up from 60% to 80%.", "appointment"),
        # "rental flats" are homes let, not something hired out
        ("We supply and install solar water heaters for homes in Nairobi, KES 85,000 to "
         "190,000 installed. Buyers are homeowners plus landlords fitting them in rental flats, "
         "they WhatsApp us to book a site visit and quotation. Too many complain after "
         "installation; we want 1 in 10.", "quote"),
        # volunteers being signed up are the journey
        ("We're a wildlife rescue charity. People sign up to volunteer after seeing a rescue on "
         "Instagram, fill in the application and come to an orientation day. We need a lot more "
         "trained volunteers through to their first shift.", "volunteering"),
    ],
)  # fmt: skip
def test_what_kind_of_organisation_it_is_does_not_decide_its_shape(brief: str, shape: str) -> None:
    reading = read_brief(brief)
    assert (reading.shape.text if reading.shape else None) == shape, reading.shape


def test_a_free_advice_service_gets_a_reminder_not_a_deposit_and_one_persona_per_referrer() -> None:
    brief = (
        "We're a small debt advice charity in north Belfast, completely free and confidential. "
        "Most clients are referred by GP surgeries, the food bank and Citizens Advice, and they "
        "book a first appointment by ringing our freephone line. Our biggest issue is people not "
        "turning up to that first appointment. We'd like attendance up from 60% to 80%."
    )
    reading = read_brief(brief)
    assert reading.has("free_service")
    assert [c.text for c in reading.conversions][:1] == ["book a first appointment"]
    journey = draft_offline(brief)
    text = " ".join(o.description for s in journey.stages for o in s.opportunities)
    assert "waiting list" in text and "deposit" not in text, text
    names = [p.name for p in journey.personas]
    assert len(set(names)) == len(names), names
    assert not any(n.endswith("Buyer Who Refers") for n in names), names


def test_two_stated_problems_in_one_stage_keep_their_own_ideas() -> None:
    """When a stock pain is left out between two stated problems of one stage, the second
    problem's pain point gets an id of its own, so each keeps the ideas made for it."""
    journey = draft_offline(
        "I volunteer on the committee for our parish hall in Drumcondra. Everything goes through "
        "the parish office with a paper diary and a paper hire agreement. It's a nightmare when "
        "two people get told the same Saturday is free, and half the enquiries never send the "
        "agreement back at all. We'd love weekday bookings up from 6 a week to 15."
    )
    for stage in journey.stages:
        ids = [p.id for p in stage.pain_points]
        assert len(ids) == len(set(ids)), ids
        for pain in stage.pain_points:
            if pain.provenance.value == "user":
                assert any(o.addresses == pain.id for o in stage.opportunities), pain.description


@pytest.mark.parametrize(
    ("brief", "idea"),
    [
        ("Mobile chiropodist doing home visits. The hassle is chasing money, about 20% of "
         "invoices are still unpaid after a month.", "Get paid sooner"),
        ("Minibus school run in Soweto. The problem is month end, when payments come late and "
         "the drivers don't know who has paid.", "Get paid sooner"),
        ("Piano tuner in Ohio. Problem is folks book once and forget, maybe 30% call back "
         "within a year.", "Keep in touch before renewal or the next visit"),
        ("Kitchen fitter in Leicester. During the fit customers get stressed cos they dont know "
         "whats happening each day and ring me constantly.", "Tell people where things stand"),
        ("Wedding sweets maker, couples come through planners. Problem: I never know which "
         "planner sent who so I can't thank them.", "Win back the people who refer"),
        ("Hearing clinic. 70% of people who get a quote never reply. Want half to reply.",
         "Follow up every open enquiry"),
        ("Mobile dog groomer, I go to people's houses. Problem is the dog isn't ready when I "
         "arrive, about 1 in 6 visits.", "Cut no-shows"),
        # losing momentum: show the progress made (the family a blind reader labelled), not a
        # check-in the reader did not count as an answer
        ("Driving school in Leicester. The test wait is 20+ weeks so people lose momentum and "
         "drop out.", "Show people the progress they have made"),
        ("Upholstery workshop in Krakow, we collect with our van. Problem is they must come to "
         "the workshop to choose fabric and they postpone for weeks, so pickup to finish is 6-8 "
         "weeks.", "Take on the cause the brief gives, “they postpone for weeks”"),
    ],
)  # fmt: skip
def test_a_stated_problem_gets_an_idea_that_answers_it(brief: str, idea: str) -> None:
    """The idea for a stated problem answers that problem, not one that shares a word with it
    (a wait for the test centre is no job of ours running late, chasing money no status
    update, what the owner never knows nothing to tell customers); a cause said before "so"
    is the cause the brief gives."""
    ideas = _ideas_for_stated_problems(brief)
    assert any(i.startswith(idea) for i in ideas), ideas


def test_what_a_problem_costs_the_business_is_no_price_for_customers() -> None:
    """ "Those wasted trips cost me 5 or 6 hours a week": the owner's cost, not a price that
    surprises customers ("Show the full price…" was its idea)."""
    ideas = _ideas_for_stated_problems(
        "Farrier in Kildare. Too often I turn up and the pony's out in the field. Those wasted "
        "trips cost me 5 or 6 hours a week and I want to cut that by at least half."
    )
    assert ideas and not any(i.startswith("Show the full price") for i in ideas), ideas


@pytest.mark.parametrize(
    ("brief", "idea"),
    [
        # more demand than the business can serve: add capacity where the queue forms
        (
            "Mobile phone repair kiosk in Swindon. Since the new shopping centre opened we're "
            "booked 3 weeks out and the backlog keeps growing. Want same-week repairs.",
            "Add capacity where the queue forms",
        ),
        # customers lost to a cheaper option
        (
            "Dog groomer in Truro. Lots of first-timers go cheaper with a home groomer off "
            "Facebook after one visit. Want 60% to rebook.",
            "Give people a reason to choose you over the cheaper option",
        ),
        # no rule for what is put right
        (
            "Picture framer in York. When a customer isn't happy with a frame I have no actual "
            "rule, sometimes I redo it free and sometimes we argue about it. Want fewer rows.",
            "Publish a simple promise",
        ),
        # drop-outs who see no progress
        (
            "Adult swimming lessons in Derby, 8-week courses. Loads stop at week 4 because they "
            "don't see any progress. Want 80% to finish.",
            "Show people the progress they have made",
        ),
        # a date that hangs on someone else
        (
            "We fit kitchens in Bolton. Worktop supplier delays push our fitting dates and the "
            "dates keep slipping, customers are furious. Want fewer complaints.",
            "When a date hangs on someone else",
        ),
        # pay-as-you-go customers who fall behind
        (
            "We sell clean cookstoves on pay-as-you-go in Kisumu, paid weekly by M-Pesa. After a "
            "few months many customers fall behind and the agent has to chase. Want fewer late.",
            "Help people keep up before they fall behind",
        ),
        # asked how far it has got: status before they chase
        (
            "Watch repairer in Bath. Half my day goes on status calls from customers asking if "
            "their watch is done. Want fewer calls.",
            "Send status updates before people need to ask",
        ),
    ],
)
def test_the_families_readers_asked_for_answer_their_problems(brief: str, idea: str) -> None:
    """Seven families the session-24 readers found missing (capacity, a cheaper rival, a
    promise, progress, someone else's date, instalments) and status calls: each stated
    problem gets its own idea, not a research step or another pain's fix."""
    ideas = _ideas_for_stated_problems(brief)
    assert any(i.startswith(idea) for i in ideas), ideas


@pytest.mark.parametrize(
    ("brief", "not_a_problem"),
    [
        # the brief's opening says who the business serves
        (
            "I run small-group classes for reactive and anxious dogs near Exeter. Most owners drop "
            "out after 2 sessions.",
            "anxious dogs",
        ),
        # why the owner does without something
        (
            "Window cleaner in Hull, no website and i dont take card payments, too much faff. "
            "Biggest issue is people forget to rebook.",
            "faff",
        ),
        # what the owner will not do to reach a goal
        (
            "Piano teacher in Leeds. Half my pupils quit after grade 1. I'd like 80% to carry on "
            "without having to learn social media.",
            "learn social media",
        ),
        (
            "Funeral florist in Cork. Only 20% pick the matching wreath; we'd like 40% without "
            "being pushy.",
            "pushy",
        ),
        # a deposit put down is a step, not a figure going down
        (
            "Wedding venue in Kent. Couples tour, then sign the contract and put down a 25% "
            "deposit to hold the date. 60% of enquiries never book a tour.",
            "deposit",
        ),
        # a council's own service named by its bin, a certificate issued, a clean nobody shuts for
        (
            "Our council introduced a garden waste bin service at $80 a year. Most people drop off "
            "at the payment step.",
            "waste bin service",
        ),
        (
            "We clean restaurant kitchens overnight so nobody has to close, and issue a "
            "certificate for their insurer. Only 40% rebook.",
            "nobody has to close",
        ),
        (
            "Sperm bank in Leeds. We can't just pay donors more. 70% drop out before the results.",
            "pay donors more",
        ),
    ],
)
def test_what_only_describes_the_business_is_no_stated_problem(
    brief: str, not_a_problem: str
) -> None:
    problems = [p.text.lower() for p in read_brief(brief).problems]
    assert problems, brief
    assert not any(not_a_problem in p for p in problems), problems


def test_binning_what_was_not_collected_is_still_a_problem() -> None:
    """'bin' as a waste bin is no trouble; binning the loaves is."""
    problems = [
        p.text.lower()
        for p in read_brief(
            "Bakery in Frome. When pre-orders aren't collected we bin the loaves. Want less waste."
        ).problems
    ]
    assert any("bin the loaves" in p for p in problems), problems


def test_a_guessed_cause_goes_with_its_problem_and_the_count_after_it_too() -> None:
    """ "The call goes badly, we think people feel sold to. Only 40% pick X": one complaint,
    its guessed cause and its measure, answered by the idea for the cause, not by notes to
    'find out why' (a blind reviewer's most quoted fault)."""
    journey = draft_offline(
        "We run a pet memorial service in Leeds; vets pass owners our leaflet. When owners ring "
        "us the call goes badly a lot, we think people feel sold to. Only 30% choose a "
        "private service. We'd like 50%."
    )
    pains = [p for s in journey.stages for p in s.pain_points if p.provenance.value == "user"]
    told = [p for p in pains if "sold to" in p.description]
    assert len(told) == 1 and "only 30% choose a private service" in told[0].description, pains
    ideas = _ideas_for_stated_problems(
        "We run a pet memorial service in Leeds; vets pass owners our leaflet. When owners ring "
        "us the call goes badly a lot, we think people feel sold to. Only 30% choose a "
        "private service. We'd like 50%."
    )
    assert any(i.startswith("Help people pick the right option") for i in ideas), ideas
    assert not any(i.startswith(("Find out why", "Work out what")) for i in ideas), ideas


def test_the_owners_own_way_needs_no_note_to_learn_why() -> None:
    """ "a way to tell people when it's ready without calling them all": the owner's own idea
    answers the chore; no 'find out why calling them all happens' beside it."""
    ideas = _ideas_for_stated_problems(
        "Shoe repair kiosk in Norwich, walk-in only. Want a text to tell people when their "
        "shoes are ready without calling them all."
    )
    assert any(i.startswith("A text to tell people") for i in ideas), ideas
    assert not any(i.startswith(("Find out why", "Work out what")) for i in ideas), ideas


@pytest.mark.parametrize(
    ("brief", "idea"),
    [
        ("Sailing school in Cowes. Lots of cowboy outfits offer the RYA day skipper for cheaper "
         "and people think our £650 is too much. Want 20 more students.",
         "Give people a reason to choose you over the cheaper option"),
        ("We rent beach huts in Whitstable. If the wind is up people cancel on the day and want "
         "a full refund, we refunded £6k last summer. Want refunds under 5% of sales.",
         "Publish a simple promise"),
        ("Mobile dog groomer in Leeds. Too often the owner has forgotten I was coming, 6 of "
         "40 visits last month. Want it under 2.", "Remind people the day before"),
    ],
)  # fmt: skip
def test_problems_from_the_fresh_review_get_an_idea_of_their_own(brief: str, idea: str) -> None:
    """A cheaper rival said "for cheaper", refunds demanded on the day, a client who forgot
    the visit: each answered by its family, not "find out why"."""
    ideas = _ideas_for_stated_problems(brief)
    assert any(i.startswith(idea) for i in ideas), ideas
