"""What the assistant understood from a brief: a visible, correctable reading.

Every item keeps the words of the brief it came from and a confidence (0-1), so the user can
see why the map looks the way it does, and both engines start from the same reading.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..models import MapType
from ..vocab import Channel, Phase

_CONFIG = ConfigDict(extra="forbid", defer_build=True)


class Read(BaseModel):
    """One thing read from the brief."""

    model_config = _CONFIG

    text: str = Field(description="What was understood, in short.")
    source: str = Field(default="", description="The words of the brief it came from.")
    confidence: float = Field(default=0.8, ge=0, le=1, description="How sure the reading is.")


class Step(Read):
    """A step of the journey the brief narrates, in the order the brief tells it."""

    phase: Phase | None = Field(default=None, description="The phase this step plays, if clear.")
    action: str = Field(
        default="", description="The step as the brief says it, subject dropped ('Collect...')."
    )


class Detail(Read):
    """Something else the brief says about a moment of the journey (not a step, problem or
    goal): what the customer does, or what the business does behind the scenes."""

    phase: Phase = Field(description="The phase it belongs to.")
    by_business: bool = Field(
        default=False, description="True when the business does it ('we send a proof')."
    )
    by_customer: bool = Field(
        default=False,
        description="True when the brief says its customers do it, as an act of theirs "
        "('applicants pay the admission fee via M-Pesa').",
    )


class NamedChannel(Read):
    """A channel the brief names: a platform by its own name, or a plain channel word."""

    channel: Channel = Field(description="The channel, from the closed vocabulary.")
    platform: bool = Field(default=False, description="True for a named tool, site or platform.")
    phase: Phase | None = Field(
        default=None, description="Where in the journey the brief uses it, if it says."
    )


class Problem(Read):
    """A problem the brief states."""

    phase: Phase | None = Field(default=None, description="Where in the journey it happens.")
    fix: str | None = Field(
        default=None, description="The user's own idea for it ('want X so that <problem>')."
    )
    where: str | None = Field(
        default=None,
        description="Where the brief says it happens, in its words ('on collection day').",
    )


class Goal(Read):
    """A goal the brief states, with its baseline and target when given."""

    baseline: str | None = Field(default=None, description="Where it is now, e.g. '9%'.")
    target: str | None = Field(default=None, description="Where it should get, e.g. '15%'.")
    phase: Phase | None = Field(default=None, description="The phase whose KPI measures it.")


# Below this, the closest pack is not named to the user: one shared word ("Shopify" for a
# beekeeping shop's fashion pack) says nothing of the business
NAMED_CONFIDENCE = 0.5


class IndustryGuess(BaseModel):
    """The closest industry pack, and how far it can be trusted."""

    model_config = _CONFIG

    pack: str | None = Field(default=None, description="Pack id, or None when none fits.")
    name: str = Field(default="", description="The pack's name.")
    confidence: float = Field(default=0.0, ge=0, le=1, description="0 (no match) to 1.")
    matched: list[str] = Field(default=[], description="Brief words that matched.")
    used: bool = Field(
        default=False,
        description="Whether the pack is confident enough to lend its content to the map.",
    )


class Role(Read):
    """Someone the brief names by the part they play for the customer: who decides, pays,
    gives it as a present, steers the choice, refers or comes along."""

    part: str = Field(description="The part, e.g. 'Steers which business the customer chooses'.")


class BusinessKind(Read):
    """The kind of business the brief's name for it says ("barber", "allotment association"),
    with what such a business usually offers, how its customers commit and its main moment:
    general knowledge, used where the brief does not say."""

    kind: str = Field(
        description="place, visiting (it goes to its customers), group (people join), office "
        "or supplier (to firms)."
    )
    offer: str = Field(description="What customers usually come for ('haircuts and beard trims').")
    commit: str = Field(description="How they usually commit: order, book, join, hire, ...")
    moment: str = Field(description="The main moment of the service ('The haircut').")


class BriefReading(BaseModel):
    """A brief, read: what the business is, sells, to whom, through which channels, the
    steps its customers take, the problem and the goal, and what the reader was unsure of."""

    model_config = _CONFIG

    text: str = Field(description="The brief, whitespace tidied.")
    business: Read | None = Field(default=None, description="What the business is.")
    kind: BusinessKind | None = Field(
        default=None, description="The kind of business its name says, when one is known."
    )
    offering: list[Read] = Field(default=[], description="What it sells or provides.")
    audience: list[Read] = Field(default=[], description="Who its customers are.")
    roles: list[Role] = Field(
        default=[], description="Who decides, pays, gives, steers, refers or comes along."
    )
    conversions: list[Read] = Field(
        default=[], description="The customer's conversion events (order a cake...)."
    )
    steps: list[Step] = Field(default=[], description="Narrated steps, in order.")
    details: list[Detail] = Field(
        default=[], description="Other things the brief says about a journey phase."
    )
    channels: list[NamedChannel] = Field(default=[], description="Channels and named platforms.")
    lacks: list[Channel] = Field(
        default=[],
        description="Channels the brief says the business does not have ('no website', "
        "'I don't do email'): never drafted as touchpoints.",
    )
    fulfilment: Read | None = Field(
        default=None, description="How it is delivered: collection, delivery, on_site, online."
    )
    problems: list[Problem] = Field(default=[], description="Stated problems.")
    goals: list[Goal] = Field(default=[], description="Stated goals.")
    constraints: list[Read] = Field(
        default=[],
        description="online_only, free_service, statutory, buying_committee, subscription...",
    )
    sector: Read = Field(description="b2c, b2b, public or nonprofit.")
    region: Read | None = Field(default=None, description="UK, IE, US, EU, AU, CA, IN.")
    place: Read | None = Field(
        default=None, description="Where the business is or works ('Leeds', 'the Dales')."
    )
    industry: IndustryGuess = Field(
        default_factory=IndustryGuess, description="The closest industry pack."
    )
    shape: Read | None = Field(
        default=None,
        description="How it is bought and delivered: hire, appointment, quote, callout, "
        "made_to_order, course, shop, membership, application, ticket, experience, giving, "
        "volunteering, savings, repairs, inspection, trade_supply or service_contract.",
    )
    map_type: MapType = Field(description="The map type asked for or chosen.")
    map_type_reason: str = Field(default="", description="Why this map type.")
    thin: bool = Field(
        default=False, description="Too little to draft from: ask the questions first."
    )
    questions: list[str] = Field(
        default=[], description="What to ask the user to read the business better."
    )
    assumptions: list[str] = Field(
        default=[], description="What the draft assumes where the brief is silent."
    )

    def has(self, constraint: str) -> bool:
        """Whether the brief carries this constraint (e.g. ``free_service``)."""
        return any(c.text == constraint for c in self.constraints)

    @property
    def channel_set(self) -> set[Channel]:
        return {c.channel for c in self.channels}

    @property
    def offering_text(self) -> str:
        return self.offering[0].text if self.offering else ""

    @property
    def business_text(self) -> str:
        return self.business.text if self.business else ""

    @property
    def audience_text(self) -> str | None:
        return ", ".join(a.text for a in self.audience) or None

    def summary(self) -> list[str]:
        """'What I understood', one short line per part, with the brief's words where it helps.
        The same lines go to the terminal, the chat and the language model's prompt."""

        def listed(items: list[Read], limit: int = 4) -> str:
            said = list(dict.fromkeys(i.text for i in items))  # "order; order" said once
            return "; ".join(said[:limit])

        lines: list[str] = []
        if self.business:
            lines.append(f"Business: {self.business.text}")
        offered = [o for o in self.offering if o.confidence >= 0.5]
        if offered:
            lines.append(f"Offers: {listed(offered)}")
        elif self.kind is not None:  # general knowledge, not the brief's words: said so
            an = "an" if self.kind.text[:1].lower() in "aeiou" else "a"  # "an escape room"
            lines.append(
                f"Offers: not said; {an} {self.kind.text} usually offers {self.kind.offer}"
            )
        if self.audience:
            lines.append(f"Customers: {listed(self.audience)}")
        if self.roles:
            parts: dict[str, list[str]] = {}  # "adult son or daughter: books it and pays"
            for role in self.roles:
                parts.setdefault(role.part, []).append(role.text)
            lines.append(
                "Who plays which part: "
                + "; ".join(
                    f"{' or '.join(who[:3])}: {part[:1].lower()}{part[1:]}"
                    for part, who in list(parts.items())[:3]
                )
            )
        if self.conversions:
            lines.append(f"They commit by: {listed(self.conversions, 2)}")
        if self.steps:
            lines.append("Steps you described: " + " → ".join(s.text for s in self.steps))
        if self.channels:
            said = [f"{c.text} ({c.channel.value})" if c.platform else c.channel.value
                    for c in self.channels]  # fmt: skip
            lines.append("Channels: " + ", ".join(dict.fromkeys(said)))
        if self.lacks:
            lines.append("Not used, as you said: " + ", ".join(c.value for c in self.lacks))
        if self.fulfilment:
            lines.append(f"Delivered by: {self.fulfilment.text.replace('_', ' ')}")
        if self.place:
            lines.append(f"Where: {self.place.text}")
        for problem in self.problems[:3]:
            lines.append(f"Problem: {problem.text}")
        from .remedies import SHAPE_LABELS, remedies

        for remedy in remedies(self.text)[:2]:  # the cause, by its shape: what the idea answers
            words = " ".join(remedy.said.split()[:14])
            lines.append(f"Why, as you said: {SHAPE_LABELS[remedy.shape]} (“{words}”)")
        for goal in self.goals[:2]:
            numbers = ""
            if goal.baseline or goal.target:
                numbers = f" ({goal.baseline or 'now'} → {goal.target or '?'})"
            lines.append(f"Goal: {goal.text}{numbers}")
        facts = [self.sector.text] + ([self.region.text] if self.region else [])
        facts += [c.text.replace("_", " ") for c in self.constraints]
        lines.append("Also: " + ", ".join(facts))
        if self.industry.used:
            lines.append(
                f"Industry: {self.industry.name} (confidence {self.industry.confidence:.2f})"
            )
        elif self.industry.pack and self.industry.confidence >= NAMED_CONFIDENCE:
            lines.append(
                f"Industry: not sure (closest {self.industry.name}, confidence "
                f"{self.industry.confidence:.2f}: not used)"
            )
        else:
            lines.append("Industry: no pack fits; built from your brief only")
        if self.shape and not self.industry.used:
            from .shapes import LABELS, unit_of

            label = LABELS[self.shape.text].format(unit=unit_of(self.text, self.shape.text))
            lines.append(f"Journey shape: {label} (from: {self.shape.source})")
        lines.append(f"Map: {self.map_type.label} ({self.map_type_reason})")
        return lines
