"""Word lists of the quantities analysis: qualifiers, vague counts, units, events, synonyms.

Bounds a qualifier gives a stated value v (`Quantity.low` / `high`; None = unbounded):

- approximate ("around", "about", "approximately", "roughly", "some", "an estimated"):
  0.9·v .. 1.1·v;
- "nearly", "almost", "close to", "just under": 0.9·v .. v;
- lower bounds ("at least", "more than", "over", "above", "upwards of"): v .. None —
  inclusive, so "more than 18" does not contradict another outlet's 18;
- upper bounds ("up to", "at most", "as many as", "less than", "fewer than", "under"):
  None .. v.

Vague counts are ranges whose `value` is the midpoint: "dozens" 24..99, "scores" 40..99,
"hundreds" 200..999, "thousands" 2,000..9,999, "tens of thousands" 20,000..99,999,
"hundreds of thousands" 200,000..999,999, "millions" 2M..999M, "billions" 2bn..999bn;
"several / a few / many <hundred|thousand|…>" 2..9 times the scale; "a dozen" 12.
"""

from __future__ import annotations

APPROXIMATE = (0.9, 1.1)
"""±10 % around "around 20,000": a reading chosen by hand, not calibrated on a data set."""
NEARLY = (0.9, 1.0)
"""Up to 10 % under "nearly 20,000": chosen by hand, not calibrated on a data set."""
AT_LEAST = (1.0, None)
"""The value itself as an inclusive lower bound: what the words say, not tuned."""
AT_MOST = (None, 1.0)
"""The value itself as the upper bound: what the words say, not tuned."""

# Qualifier phrases (lower-case word tuples) and the factors of v that bound the value.
QUALIFIERS: dict[tuple[str, ...], tuple[float | None, float | None]] = {
    ("around",): APPROXIMATE, ("about",): APPROXIMATE, ("approximately",): APPROXIMATE,
    ("roughly",): APPROXIMATE, ("some",): APPROXIMATE, ("circa",): APPROXIMATE,
    ("an", "estimated"): APPROXIMATE, ("estimated",): APPROXIMATE, ("~",): APPROXIMATE,
    ("nearly",): NEARLY, ("almost",): NEARLY, ("close", "to"): NEARLY,
    ("just", "under"): NEARLY, ("just", "shy", "of"): NEARLY,
    ("at", "least"): AT_LEAST, ("no", "fewer", "than"): AT_LEAST,
    ("no", "less", "than"): AT_LEAST, ("not", "less", "than"): AT_LEAST,
    ("a", "minimum", "of"): AT_LEAST, ("more", "than"): AT_LEAST, ("over",): AT_LEAST,
    ("above",): AT_LEAST, ("in", "excess", "of"): AT_LEAST, ("upwards", "of"): AT_LEAST,
    ("exceeding",): AT_LEAST,
    ("up", "to"): AT_MOST, ("at", "most"): AT_MOST, ("as", "many", "as"): AT_MOST,
    ("no", "more", "than"): AT_MOST, ("a", "maximum", "of"): AT_MOST,
    ("less", "than"): AT_MOST, ("fewer", "than"): AT_MOST, ("under",): AT_MOST,
    ("below",): AT_MOST,
}
MAX_QUALIFIER_WORDS = max(len(k) for k in QUALIFIERS)
# Qualifiers of a stated value, as `Quantity.qualifier` spells them ("at least"); the other
# qualifiers are "between" (a range) and the words of a vague count ("dozens").
STATED_VALUE_QUALIFIERS = frozenset(" ".join(words) for words in QUALIFIERS)

# Vague counts: word tuples → (low, high).
VAGUE: dict[tuple[str, ...], tuple[float, float]] = {
    ("dozens",): (24, 99), ("scores",): (40, 99), ("hundreds",): (200, 999),
    ("thousands",): (2_000, 9_999), ("tens", "of", "thousands"): (20_000, 99_999),
    ("hundreds", "of", "thousands"): (200_000, 999_999),
    ("millions",): (2e6, 999e6), ("tens", "of", "millions"): (20e6, 99e6),
    ("hundreds", "of", "millions"): (200e6, 999e6), ("billions",): (2e9, 999e9),
    ("a", "dozen"): (12, 12), ("half", "a", "dozen"): (6, 6),
}
MAX_VAGUE_WORDS = max(len(k) for k in VAGUE)
VAGUE_MULTIPLIERS = frozenset({"several", "few", "many"})  # "several hundred" = 2..9 hundred

# Shares written "a third of", "a quarter of": the word → its divisor.
SHARES = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}

CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₽": "RUB",
                    "₸": "KZT", "₹": "INR", "₴": "UAH", "₺": "TRY", "c$": "CAD", "a$": "AUD"}
CURRENCY_CODES = frozenset({"usd", "eur", "gbp", "jpy", "cny", "rub", "kzt", "inr", "chf",
                            "cad", "aud", "uah", "try"})
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
                  "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rouble": "RUB",
                  "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "tenge": "KZT",
                  "rupee": "INR", "rupees": "INR", "hryvnia": "UAH", "lira": "TRY"}
POUNDS = frozenset({"pound", "pounds"})  # money in a MONEY entity, a weight otherwise
PERCENT = {("%",): "%", ("percent",): "%", ("per", "cent"): "%", ("pc",): "%",
           ("percentage", "points"): "pp", ("percentage", "point"): "pp"}
MEASURES = {
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m", "mile": "mi", "miles": "mi",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg",
    "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t", "lb": "lb", "lbs": "lb",
    "litre": "l", "litres": "l", "liter": "l", "liters": "l", "barrel": "barrel",
    "barrels": "barrel", "hectare": "ha", "hectares": "ha", "acre": "acre", "acres": "acre",
    "mph": "mph", "km/h": "km/h", "mw": "MW", "gw": "GW", "kwh": "kWh", "°c": "°C", "°f": "°F",
    "degrees": "°", "degree": "°",
}
# Words before a number that make it a label, not a count: "Article 12", "No. 7" (lower
# case, without a final period).
LABELS = frozenset({"article", "articles", "section", "chapter", "clause", "paragraph", "page",
                    "pages", "no", "nos", "number", "resolution", "item", "point", "line",
                    "room", "flight", "route", "highway", "vol", "volume", "part", "annex",
                    "amendment", "rule", "bill", "decree", "law", "act", "p", "pp", "#",
                    "level", "grade", "size", "version", "episode", "season", "round",
                    "stage", "phase", "gate", "platform", "channel", "district", "unit",
                    # bills and ballot measures: "SB 1062", "H.R. 3590", "Proposition 8"
                    "sb", "hb", "hr", "h.r", "ab", "s", "prop", "proposition", "measure",
                    "initiative", "case", "docket", "exhibit", "form", "model", "type",
                    "category", "class", "division", "interstate", "apartment", "apt", "suite",
                    "ward", "precinct", "terminal", "floor", "lot"})
TIME_AFTER = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "o'clock",
                        "hrs", "hours_gmt", "cet", "est", "edt", "bst"})

# Events: what happens to what is counted, from the clause's verb and the count's role.
DIES = {"die": "dead", "perish": "dead", "drown": "dead"}
UNDERGOES = {  # the patient (passive subject or object) undergoes it
    "kill": "dead", "murder": "dead", "slay": "dead", "execute": "dead", "injure": "injured",
    "wound": "injured", "hurt": "injured", "arrest": "detained", "detain": "detained",
    "apprehend": "detained", "jail": "detained", "evacuate": "evacuated",
    "displace": "displaced", "hospitalize": "hospitalised", "hospitalise": "hospitalised",
    "release": "released", "free": "released", "rescue": "rescued", "deploy": "deployed",
}
STATES = {"dead": "dead", "injured": "injured", "wounded": "injured", "hurt": "injured",
          "missing": "missing", "killed": "dead", "detained": "detained", "arrested": "detained"}
STATE_EVENTS = frozenset({*DIES.values(), *UNDERGOES.values(), *STATES.values()})
DEATH_NOUNS = frozenset({"death", "fatality", "dead", "death toll"})

# Nouns too general to tie two counts together without other evidence.
GENERIC_NOUNS = frozenset({"person", "people", "year", "month", "day", "week", "hour",
                           "time", "minute", "case", "thing", "one", "member", "number"})

# Counted nouns that name the same group of people in news reports.
SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"protester", "protestor", "demonstrator", "rioter", "marcher"}),
    frozenset({"attacker", "assailant", "militant", "terrorist", "bandit", "criminal",
               "gunman", "insurgent", "extremist", "fighter", "rebel", "raider"}),
    frozenset({"officer", "policeman", "policemen", "police", "cop", "trooper", "guardsman",
               "gendarme"}),
    frozenset({"soldier", "troop", "serviceman", "servicemen", "serviceperson"}),
    frozenset({"civilian", "resident", "citizen", "inhabitant", "local"}),
    frozenset({"death", "fatality", "dead", "life"}),
    frozenset({"injury", "injured", "wounded", "casualty"}),
    frozenset({"detainee", "arrest", "prisoner", "detained"}),
)
