"""A small corpus of two stories told by several outlets, plus a wire copy."""

from __future__ import annotations

from parallax.ingest import load_text
from parallax.types import Article

FLOOD = (
    "Heavy rain overnight sent the river over its banks in Port Ellis, flooding the "
    "harbour district and forcing about 300 residents from their homes. Emergency crews "
    "used boats to reach families trapped on upper floors, and the town council opened "
    "the school gymnasium as a shelter. The mayor said the water had reached the highest "
    "level since records began in 1952 and warned that more rain was expected on Thursday. "
    "Power was cut to 4,000 homes as a precaution, and the coastal road remained closed."
)
FLOOD_2 = (
    "Residents of Port Ellis spent the night in a school gym after floodwater poured into "
    "the harbour district. Rescue teams in boats pulled people from flooded houses while "
    "the river kept rising. The mayor called it the worst flood in seventy years. Around "
    "4,000 homes lost electricity and officials closed the coast road. Forecasters expect "
    "more rain later this week, and the council has asked volunteers to fill sandbags."
)
FLOOD_3 = (
    "The harbour of Port Ellis was under a metre of water on Wednesday after the river "
    "burst its banks. Hundreds of people were evacuated and spent the night in a shelter "
    "run by the council. Critics said warnings came too late and that flood defences "
    "promised after the last flood were never built. The mayor defended the response and "
    "said an inquiry would follow once the water receded."
)
COURT = (
    "The Ohio Supreme Court on Monday blocked the new congressional map drawn by the "
    "Republican-led legislature, ruling that it diluted the votes of urban residents. "
    "The justices ordered lawmakers to submit a new map within thirty days, or the court "
    "would appoint an expert to draw one. Leaders of the majority said they would appeal "
    "to the federal courts, while voting rights groups welcomed a decision they called a "
    "victory for fair elections."
)
COURT_2 = (
    "The Ohio Supreme Court struck down the legislature's congressional map on Monday in a "
    "four to three decision. The majority opinion said the districts split cities to "
    "weaken their voters. "
    "Legislative leaders called the ruling an overreach and promised an appeal. The court "
    "gave lawmakers a month to draw new districts before the filing deadline for candidates."
)


def article(source: str, title: str, published: str | None, text: str, n: int) -> Article:
    """An article as `parallax ingest` would read it from a JSON record."""
    return load_text(
        text, source=source, title=title, published=published,
        url=f"https://{source.lower().replace(' ', '')}.example/{n}",
    )  # fmt: skip


def flood_story() -> list[Article]:
    """Three outlets on one flood, over two days."""
    return [
        article("Daily Courier", "Floods force hundreds from homes in Port Ellis harbour",
                "2024-05-01T08:00:00Z", FLOOD, 1),
        article("Evening Star", "Port Ellis floods: residents shelter in school gym",
                "2024-05-01T12:00:00Z", FLOOD_2, 2),
        article("The Ledger", "Port Ellis floods: were the defences ever built?",
                "2024-05-02T09:00:00Z", FLOOD_3, 3),
    ]  # fmt: skip


def court_story() -> list[Article]:
    """Two outlets on one court ruling, a month later."""
    return [
        article("Daily Courier", "Ohio Supreme Court blocks new congressional election map",
                "2024-06-10T15:00:00Z", COURT, 4),
        article("The Ledger", "Ohio court strikes down congressional map, orders redraw",
                "2024-06-10T18:00:00Z", COURT_2, 5),
    ]  # fmt: skip


def wire_copy() -> Article:
    """The Daily Courier's flood article reprinted by another outlet, byline added."""
    text = FLOOD + " Reporting by the Daily Courier."
    return article("Harbour Gazette", "Floods force hundreds from homes in Port Ellis",
                   "2024-05-01T10:00:00Z", text, 6)  # fmt: skip
