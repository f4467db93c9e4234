"""Who the personas stand for, and what they carry from the brief (session 28).

A blind review of twenty long-tail drafts rated personas lowest of all (1.26 of 5): the dog
owner who buys a wheelchair was missing behind the vet clinics that refer, a confinement
nanny's family became "The Loyal Confinement Nanny Customer", a charity's refugees became
donors. Each case here failed before the change and names what a reader expects instead.
"""

from __future__ import annotations

import pytest

from journey_assistant.personas import draft_personas_offline, persona_count
from journey_assistant.understanding import read_brief

DOG_CARTS = (
    "We build custom rear-support wheelchairs for dogs in our shop in Boulder and ship all over "
    "the US. Most customers are referred by vet rehab clinics and neuro specialists, and they "
    "order on our website after measuring their dog at home with our guide. Our big problem is "
    "measurements: about 1 in 5 carts comes back because the owner measured wrong. We want "
    "remakes under 5%."
)


def _personas(brief: str) -> list:
    reading = read_brief(brief)
    return draft_personas_offline(brief, persona_count(reading), reading=reading)[0]


def test_owners_named_alone_are_told_by_what_they_own_and_come_before_the_referrers() -> None:
    personas = _personas(DOG_CARTS)
    assert "Dog Owner" in personas[0].name, [p.name for p in personas]
    assert any("Refers" in p.name for p in personas[1:]), [p.name for p in personas]
    assert read_brief(DOG_CARTS).sector.text == "b2c"  # clinics that refer buy nothing


def test_who_refers_reaches_the_business_as_a_partner_not_by_the_customers_channels() -> None:
    from journey_assistant.vocab import Channel

    referrer = next(p for p in _personas(DOG_CARTS) if "Refers" in p.name)
    assert referrer.preferred_channels == [Channel.partner], referrer.preferred_channels


def test_the_moment_of_the_problem_is_what_the_customer_needs_and_how_they_order_is_told() -> None:
    first = _personas(DOG_CARTS)[0]
    assert first.needs[0].text.startswith("Clear steps to measure right"), first.needs
    assert first.objections[0].text == "What if I measure it wrong?", first.objections
    told = [b.text for b in first.behaviours if b.provenance.value == "user"]
    assert any("order on our website after measuring" in t for t in told), told


def test_no_loyal_regular_where_nobody_is_said_to_come_back() -> None:
    clocks = (
        "I restore antique clocks in York. Clock owners find me by word of mouth and email me "
        "photos, and half never reply to my quote. I want 60% to accept."
    )
    names = [p.name for p in _personas(clocks)]
    assert not any("Loyal" in n for n in names), names
    regulars = (
        "Family-run sourdough bakery in Hebden Bridge. Our regulars pre-order loaves on our "
        "website for Saturday collection, and new customers find us on Instagram. Half the "
        "pre-orders are never collected. We want uncollected orders under 10%."
    )
    reading = read_brief(regulars)
    names = [p.name for p in draft_personas_offline(regulars, 3, reading=reading)[0]]
    assert any("Loyal" in n or "Regular" in n for n in names), names


def test_clients_come_first_when_the_brief_names_only_those_who_refer_them() -> None:
    personas = _personas(
        "I own a small studio in Ottawa that does wig fittings for people losing their hair to "
        "chemo. Clients usually hear about me from oncology nurses or find my Instagram. People "
        "sit on my number for weeks because they are scared to make the first call. I'd like "
        "people to reach out before treatment starts."
    )
    assert personas[0].name.endswith("Client"), [p.name for p in personas]
    assert "Oncology Nurse" in personas[1].name and "Refers" in personas[1].name


def test_the_family_member_who_pays_and_the_mother_cared_for_are_the_people() -> None:
    names = [
        p.name
        for p in _personas(
            "We are a small agency in Cheras placing confinement nannies who live in with the "
            "family for 28 days after birth, cooking and taking care of mummy and baby. Usually "
            "the mother finds us on Facebook, but often it is the husband or mother-in-law who "
            "pays the deposit and talks to us. About 30% of babies come early or late and we "
            "must send a replacement. We want replacements below 10%."
        )
    ]
    assert names[0].startswith("The Husband Who") and "Pays" in names[0], names
    assert "Mummy" in names[1] and "Uses" in names[1], names


@pytest.mark.parametrize(
    ("brief", "kind"),
    [
        (
            "We provide drone spraying for wheat and paddy farmers around Ludhiana. Most "
            "bookings come from the village WhatsApp groups and from pesticide dealers, farmer "
            "just calls. Around 20% of visits are wasted. Target under 5%.",
            "wheat and paddy farmers",
        ),
        (
            "We're a fly-in moose outfitter in Newfoundland. They find us at the Harrisburg sport "
            "shows or through a booking agent, then pay a 50% deposit. Hunters have to get us "
            "their info by a deadline, and a few show up without the right paperwork. We want "
            "paperwork issues down to zero.",
            "hunters",
        ),
        (
            "We're an agricultural soil testing lab. Farmers and agri advisors post us samples "
            "using our kits and we email back a results PDF. Loads of farmers never spread the "
            "lime we recommend. Want repeat testing up from 30% to 50%.",
            "farmers",
        ),
    ],
)
def test_customers_said_as_the_ones_doing_something_are_read(brief: str, kind: str) -> None:
    assert kind.lower() in [a.text.lower() for a in read_brief(brief).audience]


def test_where_bookings_come_from_is_who_refers_not_who_books() -> None:
    reading = read_brief(
        "We provide drone spraying for wheat and paddy farmers around Ludhiana. Most bookings "
        "come from the village WhatsApp groups and from pesticide dealers, farmer just calls. "
        "Around 20% of visits are wasted. Target under 5%."
    )
    assert [(r.text, r.part.split(",")[0]) for r in reading.roles] == [
        ("pesticide dealers", "Refers customers to the business")
    ]
    sons = read_brief(
        "We provide home attendants for elderly people in Bengaluru. Most bookings come from "
        "sons and daughters living in the US who find us on Google and sort everything out "
        "over WhatsApp. About 1 in 4 cancel in the first month. Want 1 in 10."
    )
    assert not any(r.part.startswith("Refers") for r in sons.roles), sons.roles


def test_places_things_are_delivered_to_are_no_customers_and_referrals_in_a_list_count() -> None:
    reading = read_brief(
        "Baby equipment rental in Orlando - cribs and car seats delivered to vacation homes and "
        "hotels near Disney. Bookings come through our site and a lot of referrals from vacation "
        "rental managers. Families land late and the gate code is wrong. Goal: failed first "
        "deliveries under 5%."
    )
    assert [a.text.lower() for a in reading.audience] == ["vacation rental managers", "families"]
    assert [r.text for r in reading.roles if r.part.startswith("Refers")] == [
        "vacation rental managers"
    ]


def test_a_charity_in_trouble_with_those_it_serves_has_personas_for_them_not_donors() -> None:
    names = [
        p.name
        for p in _personas(
            "We are a volunteer-run foundation in Rotterdam that repairs donated bikes and gives "
            "them for free to refugees. People are referred by caseworkers from the municipality, "
            "and donors bring bikes to our workshop. About 30% don't come to the pick-up "
            "appointment. We want no-shows under 10%."
        )
    ]
    assert "Refugee" in names[0] and not any("Supporter" in n or "Donor" in n for n in names)
    assert any("Caseworker" in n and "Refers" in n for n in names), names


def test_a_second_persona_of_the_same_people_says_the_part_they_play() -> None:
    personas = _personas(
        "We offer supervised winter hibernation for tortoises near Guildford. Owners find us on "
        "tortoise keepers' forums, book a place from September through our website, then drop "
        "their tortoise off. Every year the 40 places fill in a fortnight, some of them "
        "regulars. We'd like a waiting list so all 40 are confirmed by August."
    )
    assert personas[0].name == "The Tortoise Owner Who Books and Pays", personas[0].name
    assert "Tortoise Owner" in personas[1].name and personas[1].role.startswith("Books and pays")


@pytest.mark.parametrize(
    ("brief", "shape"),
    [
        (
            "We're a fly-in moose outfitter in Newfoundland. They find us at the Harrisburg sport "
            "shows, then pay a 50% deposit. A few show up without the right paperwork.",
            "ticket",
        ),
        (
            "We are an ice plant in Kochi supplying block ice to fishing boats. Boat owners phone "
            "us at night to book ice for next morning sailing, and the berth is often wrong.",
            "ticket",
        ),
    ],
)
def test_shows_and_sailings_that_are_no_tickets(brief: str, shape: str) -> None:
    read = read_brief(brief).shape
    assert read is None or read.text != shape, read


def test_a_booking_agent_is_no_conversion_and_no_one_is_sometimes_deaf() -> None:
    moose = read_brief(
        "We're a moose outfitter. Hunters find us through a booking agent who takes 15%, then "
        "pay a 50% deposit by wire. We want paperwork issues down to zero."
    )
    assert not any("agent" in c.text for c in moose.conversions), moose.conversions
    asl = read_brief(
        "We're an ASL interpreting agency in Ottawa. Clients are mostly school boards, community "
        "health centres and a few law firms, and they book by email. Appointments are moved "
        "late, so we pay interpreters for nothing and sometimes Deaf clients end up with no "
        "coverage. We'd like to halve late changes."
    )
    kinds = [a.text for a in asl.audience]
    assert "school boards" in kinds and not any(k.startswith("sometimes") for k in kinds), kinds
    names = [p.name for p in draft_personas_offline(asl.text, 2, reading=asl)[0]]
    assert not any("Buyer" in n for n in names if n.startswith("The Hands-On")), names


def test_personas_stand_for_the_people_a_reader_named() -> None:
    """Against the people a CX reader named for the 108 fresh briefs (evals/devsets/briefs/
    people.yaml): the share of them a persona stands for (up to three per brief, the
    `people_met` scorer) and how often the first persona is the main customer. At the
    session's start: 0.514 and 63 of 108; at its end 0.606 and 75."""
    from pathlib import Path

    import yaml

    from journey_assistant.evaluation.scorers import people_met, stands_for
    from journey_assistant.evaluation.suite import PeopleExpect

    root = Path(__file__).resolve().parents[1] / "evals" / "devsets" / "briefs"
    briefs = {
        b["id"]: b["brief"]
        for name in ("a", "b", "c")
        for session in ("s26", "s27")
        for b in yaml.safe_load((root / f"fresh-{session}-{name}.yaml").read_text())
    }
    labels = yaml.safe_load((root / "people.yaml").read_text())
    met, first = [], 0
    for label in labels:
        people = [
            PeopleExpect(who=p["who"], parts=p["parts"], person=p.get("person", True))
            for p in label["people"]
        ]
        personas = _personas(briefs[label["id"]])
        value, _ = people_met(personas, people)
        met.append(value if value is not None else 0.0)
        main = next((p for p in people if p.person), None)
        first += bool(main and personas and stands_for(personas[0], main))
    assert len(labels) == 108
    assert sum(met) / len(met) >= 0.6, sum(met) / len(met)
    assert first >= 73, first
