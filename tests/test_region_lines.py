"""Session 45 (#13): a pack's lines that hold in one country only stay out of a map for a
business elsewhere. A blind review found a Lagos solar installer told to register with MCS and
notify the DNO (UK rules). The brief is worded for this file; the first test fails on the code
before the session (checked with the start snapshot); the second is its guard, which passes
on both."""

from __future__ import annotations

from journey_assistant.drafting import draft_offline

UK_ONLY = ("MCS", "DNO", "Boiler Upgrade Scheme", "Smart Export Guarantee")


def test_uk_only_rules_stay_out_of_a_map_for_a_business_in_nigeria() -> None:
    journey = draft_offline(
        "We fit solar panels and inverter batteries for homes in Ikeja, Lagos. Customers find "
        "us on Instagram, we survey the roof, send a quote and install within a week. Too many "
        "quotes go quiet after the survey; we want half of them to go ahead."
    )
    said = journey.model_dump_json()
    assert not any(term in said for term in UK_ONLY), [t for t in UK_ONLY if t in said]


def test_uk_rules_stay_in_a_map_for_a_business_in_england() -> None:
    journey = draft_offline(
        "Solar panel and heat pump installer in Leeds. Homeowners find us on Google, we "
        "survey, quote and install. Too many quotes go quiet after the survey; we want half "
        "to go ahead."
    )
    said = journey.model_dump_json()
    assert any(term in said for term in UK_ONLY), "no UK installer's rule on a UK map"
