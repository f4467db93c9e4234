"""The channels a business runs, as its brief says them: the ones it says it lacks are no
channel, no problem and no touchpoint; drafted messages go the way the brief names; website and
email are guessed only when the brief names no channel at all."""

from __future__ import annotations

import pytest

from journey_assistant.drafting import draft_offline
from journey_assistant.models import JourneyMap, Provenance
from journey_assistant.understanding.brief import read_brief
from journey_assistant.vocab import Channel

BIKE_VAN = (
    "I run a mobile bike repair van in Bristol. People find me mostly through word of mouth "
    "and neighbours recommending me, and they book by WhatsApp or just ring me. I don't have a "
    "website. I come to their house, fix the bike on the drive and they pay by bank transfer. "
    "The problem is no-shows: about 1 in 8 people aren't home when I turn up."
)


def _channels(journey: JourneyMap) -> set[Channel]:
    return {t.channel for s in journey.stages for t in s.touchpoints}


@pytest.mark.parametrize(
    ("brief", "lacks"),
    [
        (BIKE_VAN, [Channel.website]),
        ("there's no website and I don't do email, people ring the landline",
         [Channel.website, Channel.email]),
        ("I don't have site or Instagram, only one list of WhatsApp", [Channel.social]),
        ("Farmers ring me, it's all word of mouth, I'm not on Facebook.", [Channel.social]),
        ("We haven't got a website, just the stall.", [Channel.website]),
        ("We have no website and no shop, just the group and my small bus.", [Channel.website]),
        ("Loads of them never ring though - we get 15 bookings from 60 cards.", []),
        ("I don't get many calls but most orders come by email.", []),
    ],
)  # fmt: skip
def test_a_channel_said_to_be_lacking_is_read_as_lacking(brief: str, lacks: list[Channel]) -> None:
    reading = read_brief(brief)
    assert reading.lacks == lacks
    assert not set(lacks) & reading.channel_set


def test_what_a_business_does_without_is_no_problem_no_touchpoint_and_is_said() -> None:
    reading = read_brief(BIKE_VAN)
    assert all("website" not in p.text.lower() for p in reading.problems), reading.problems
    assert "Not used, as you said: website" in reading.summary()
    journey = draft_offline(BIKE_VAN)
    assert Channel.website not in _channels(journey)
    assert all(
        "website" not in p.description.lower() for s in journey.stages for p in s.pain_points
    )


def test_drafted_messages_go_the_way_the_brief_names() -> None:
    """A van booked by WhatsApp and phone gets no confirmation email and no customer account:
    its drafted messages go on WhatsApp, and search, word of mouth and reviews may still be
    guessed."""
    journey = draft_offline(BIKE_VAN)
    assert _channels(journey) <= {
        Channel.chat,
        Channel.phone,
        Channel.physical,
        Channel.word_of_mouth,
        Channel.search,
        Channel.review_sites,
    }
    names = [t.name for s in journey.stages for t in s.touchpoints]
    assert any(n.endswith("on WhatsApp") for n in names), names
    assert all(s.touchpoints for s in journey.stages)


def test_a_message_a_journey_shape_drafts_takes_the_brief_s_channel() -> None:
    """A quote-led trade whose customers use WhatsApp gets its written quote on WhatsApp, not
    by email, and no quote page."""
    journey = draft_offline(
        "I'm a plasterer in Leeds. People WhatsApp me photos of the room, I send a quote and "
        "then book them in. Problem is half the quotes never get an answer."
    )
    assert Channel.email not in _channels(journey) and Channel.website not in _channels(journey)
    names = [t.name for s in journey.stages for t in s.touchpoints]
    assert any("on WhatsApp" in n for n in names), names


def test_a_brief_silent_on_channels_still_gets_the_usual_ones_as_guesses() -> None:
    journey = draft_offline(
        "We're a vegan bakery in Leeds making celebration cakes. Our problem is late collections."
    )
    guessed = {
        t.channel
        for s in journey.stages
        for t in s.touchpoints
        if t.provenance == Provenance.inferred
    }
    assert Channel.website in guessed or Channel.email in guessed


def test_a_pack_keeps_its_people_and_places_but_not_messages_on_channels_it_lacks() -> None:
    """A comedy club (events pack) sells on Skiddle and on the door: the door and the venue stay,
    and a brief that says it has no email gets no email."""
    brief = (
        "Comedy club in Manchester, shows Thursday to Saturday. People buy tickets on Skiddle or "
        "on the door, and about a fifth of ticket holders don't turn up."
    )
    assert Channel.physical in _channels(draft_offline(brief))
    no_email = draft_offline(brief + " We don't do email at all.")
    assert Channel.email not in _channels(no_email)
    assert Channel.physical in _channels(no_email)


@pytest.mark.parametrize(
    ("brief", "word", "channel"),
    [
        ("Include the field scheduling system and the call centre.", "call centre", Channel.phone),
        ("People buy tickets on Skiddle or on the door.", "on the door", Channel.physical),
        ("New owners come in for the first vaccinations.", "come in for", Channel.physical),
        ("People find our beans at the farmers market.", "farmers market", Channel.events),
        ("Orders come through Deliveroo and our own app.", "our own app", Channel.mobile_app),
        ("We've a small ad in the parish newsletter every week.", "parish newsletter",
         Channel.direct_mail),
    ],
)  # fmt: skip
def test_the_longest_channel_word_names_the_channel(
    brief: str, word: str, channel: Channel
) -> None:
    named = {c.text: c.channel for c in read_brief(brief).channels}
    assert named.get(word) == channel, named


def test_a_platform_ad_is_an_ad() -> None:
    named = {
        c.text: c.channel for c in read_brief("From the Google search ad to the form").channels
    }
    assert named.get("Google search") == Channel.paid_ads


WATCH_STALL = (
    "I've got a clock and watch repair stall in Swansea indoor market. Trade is walk-ins and "
    "word of mouth; I haven't got a website and don't much want one. Bigger jobs get a paper "
    "ticket and I ring people when they're ready, but half the time nobody answers. I'd like "
    "uncollected repairs down from about 15 a month to 5."
)


def test_a_channel_done_without_is_neither_a_problem_nor_a_goal() -> None:
    """The watch repairer's "I haven't got a website and don't much want one" is a fact: the
    business is read, the only problem is the unanswered calls and the only goal the figure."""
    reading = read_brief(WATCH_STALL)
    assert reading.business is not None and "watch repair" in reading.business.text
    assert [p.text for p in reading.problems if "website" in p.text.lower()] == []
    assert [g.text for g in reading.goals if "website" in g.text.lower()] == []
    assert reading.lacks == [Channel.website] and not reading.thin


def test_doing_without_a_call_is_no_channel_lacked() -> None:
    reading = read_brief("want a way to tell ppl when their bike is ready without calling them all")
    assert reading.lacks == []


def test_a_business_seen_nowhere_online_is_not_sent_reviews() -> None:
    """A market stall reached by walking in and ringing gets no "Google reviews" touchpoint; a
    business with an Instagram page may."""
    assert Channel.review_sites not in _channels(draft_offline(WATCH_STALL))
    online = draft_offline(WATCH_STALL.replace("Trade is walk-ins", "Trade is Instagram, walk-ins"))
    assert Channel.review_sites in _channels(online)


def test_a_business_without_premises_still_meets_people() -> None:
    """A mobile hairdresser with "no salon" who comes to the house keeps her visits in person."""
    brief = (
        "I am a mobile hairdresser around Norwich, no salon, I come to your house. Clients book "
        "by phone. Problem is last-minute cancellations, about 1 in 6."
    )
    reading = read_brief(brief)
    assert reading.lacks == [] and reading.fulfilment and reading.fulfilment.text == "on_site"
    assert Channel.physical in _channels(draft_offline(brief))


@pytest.mark.parametrize(
    ("brief", "names"),
    [
        ("We sell seafood to restaurants in Busan. Owners find us from our Naver Blog posts, then "
         "send a message on our KakaoTalk Channel.", ["Naver Blog", "KakaoTalk Channel"]),
        ("I clean air conditioners in Fukuoka. After the job I ask them to add our LINE official "
         "account.", ["LINE official account"]),
        ("Patients book through Vezeeta or message our Facebook page.",
         ["Vezeeta", "Facebook page"]),
        ("Designers find us at Milano Unica and Première Vision Paris or on our Instagram.",
         ["Milano Unica", "Première Vision Paris", "Instagram"]),
        ("We have a stand at Instalacje fair in Poznań every second year.", ["Instalacje fair"]),
    ],
)  # fmt: skip
def test_platforms_people_use_abroad_and_named_fairs_are_kept_by_their_names(
    brief: str, names: list[str]
) -> None:
    found = [c.text for c in read_brief(brief).channels if c.platform]
    assert all(name in found for name in names), found


@pytest.mark.parametrize(
    "brief",
    [
        "We run the visits booking line for a prison. Families ring 30 times to get through.",
        "Our signal is weak in the valley and at noon the queue is long.",
        "We sell ideal gifts for grandparents in Leeds.",
    ],
)
def test_platform_names_that_are_plain_words_are_read_as_words(brief: str) -> None:
    reading = read_brief(brief)
    assert not [c.text for c in reading.channels if c.platform], reading.channels
