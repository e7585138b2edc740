"""Who is speaking: speech verbs, the person a mention names, and one name per person.

A speaker mention is resolved to a canonical name: a PERSON entity to the fullest form of
that name in the article ("Tokayev" → "Kassym-Jomart Tokayev"; with two people sharing a
surname, the one named most recently); "he"/"she" to the most recent person named outside
quotations (skipping people an honorific, Mr. or Ms./Mrs., gives the other gender); a
possessive role ("Ms. Merkel's spokesman") keeps its words; a title ("the president",
"Kazakhstan's president", "the senator") to the most recent person who carried that title
("President Kassym-Jomart Tokayev", "Tokayev, the president"), else to the most recent
person. Anything else (an organisation, "a source", "officials") keeps its own words.
`unify_speakers` then maps names across articles: a surname alone, or a shorter form of one
fuller name, becomes that fuller name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parallax.annotate.entities import name_key, words_fit
from parallax.types import AnnotatedArticle, Span


def _forms(lemma: str) -> set[str]:
    """The past and, unless the word is also a common noun, third-person forms of a verb."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        past, third = lemma[:-1] + "ied", lemma[:-1] + "ies"
    else:
        past, third = stem + "ed", lemma + ("es" if lemma.endswith(("s", "sh")) else "s")
    return {past} if lemma in _NOUNISH else {past, third}


SPEECH_LEMMAS = frozenset([
    "say", "tell", "add", "stress", "note", "assert", "urge", "underline", "underscore", "warn",
    "declare", "state", "explain", "insist", "claim", "argue", "write", "tweet", "ask", "reply",
    "respond", "answer", "announce", "continue", "conclude", "emphasize", "emphasise",
    "acknowledge", "admit", "recall", "suggest", "predict", "complain", "joke", "quip", "vow",
    "promise", "pledge", "repeat", "reiterate", "remark", "observe", "comment", "mention",
    "testify", "shout", "chant", "scream", "yell", "whisper", "inform", "confirm", "deny",
    "counter", "concede", "boast", "charge", "allege", "contend", "maintain", "proclaim", "report",
    "post", "lament", "highlight", "demand", "threaten", "assure", "caution", "advise", "agree",
    "recount", "exclaim", "retort", "muse", "brag", "tout", "read", "quote", "affirm", "rule",
    "order", "command"
])
"""Verbs that introduce speech, recognised by lemma in the dependency parse."""
_NOUNISH = frozenset([
    "note", "state", "claim", "answer", "vow", "promise", "pledge", "remark", "comment", "chant",
    "counter", "charge", "report", "post", "demand", "quote", "rule", "order", "command", "tweet",
    "reply", "joke", "quip"
])
_LEXICAL = SPEECH_LEMMAS - {"continue", "read", "post", "order", "rule", "command", "charge",
                            "quote", "counter", "maintain", "state", "observe", "agree"}
SPEECH_FORMS = frozenset({f for lemma in _LEXICAL for f in _forms(lemma)} | {
    "said", "says", "told", "tells", "wrote", "writes", "admitted", "quipped", "regretted"})
"""Speech verbs as they appear next to a quotation ("said", "added", "tells"), parse-free."""

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
_NO_SPEAKER_WORDS = frozenset({
    # labels an outlet puts before a passage ("UPDATE: 7:19 p.m. …")
    "update", "updated", "breaking", "exclusive", "watch", "read", "note", "correction",
    "related", "video", "photos", "live", "analysis", "opinion", "editorial", "more",
    # quantifiers ("many believe that …" cites no one)
    "many", "some", "others", "most", "few", "all", "both", "several", "none", "everyone",
    "everybody", "nobody", "someone", "somebody", "anyone", "this", "these", "those"})
"""Words that, alone, never name a speaker."""
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Between a reporter and a person named in what they report, within one sentence:
# " criticized Democrats, but argued that ", " said that ".
_SPEECH_FORM = "|".join(sorted(SPEECH_FORMS))
_REPORTED = re.compile(
    rf"[^.!?]{{0,120}}?\b(?:{_SPEECH_FORM})\s+that\s+(?:[\w.’'-]+\s+){{0,3}}", re.IGNORECASE
)
TITLES = frozenset([
    "president", "minister", "premier", "chancellor", "senator", "sen", "governor", "gov", "mayor",
    "representative", "rep", "spokesman", "spokeswoman", "spokesperson", "candidate", "nominee",
    "leader", "chairman", "chairwoman", "chair", "secretary", "chief", "head", "king", "queen",
    "prince", "emir", "sultan", "ambassador", "general", "gen", "director", "official",
    "commissioner", "prosecutor", "judge", "justice", "speaker", "ceo", "founder", "attorney",
    "sheriff", "congressman", "congresswoman", "lawmaker", "adviser", "advisor", "aide", "pope"
])
_AGENTS = frozenset([
    "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "lawyer", "attorney",
    "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "friend",
    "campaign", "office", "staff", "team", "representative"
])
_GENDERED = {"mr": "he", "mrs": "she", "ms": "she", "miss": "she"}
_HONORIFICS = frozenset(["mr", "mrs", "ms", "dr", "prof", "rev", "sir"])
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def clean_name(text: str) -> str:
    """A person's name without possessive, leading "the", titles or honorifics."""
    words = re.sub(r"['’]s?$", "", " ".join(text.split())).split()
    while words and (_bare(words[0]) in TITLES or _bare(words[0]) in _HONORIFICS
                     or words[0].lower() == "the"):
        words.pop(0)
    return " ".join(words)


def _bare(word: str) -> str:
    """A word lower-cased, without surrounding punctuation, final period or possessive."""
    word = word.lower().strip(",;:()[]\"“”")
    if word.endswith(("’s", "'s")):
        word = word[:-2]
    return word.rstrip(".")


def surname(name: str) -> str:
    """The comparable last name of a (clean) person's name."""
    words = [w for w in name_key(name).split() if w not in _SUFFIXES]
    return words[-1] if words else ""


def _fits(short: str, full: str) -> bool:
    """Whether `short` can be a shorter or familiar form of `full` ("Tokayev", "Mr. Tokayev";
    "Chuck Schumer" of "Charles Schumer", by a known nickname)."""
    a, b = name_key(short).split(), name_key(full).split()
    return bool(a) and surname(short) == surname(full) and words_fit(a, b)


@dataclass(frozen=True, slots=True)
class Mention:
    """A person named in the text: where, and by which full name."""

    start: int
    end: int
    name: str


class People:
    """The PERSON mentions of one article outside quotations, with their titles."""

    def __init__(self, article: AnnotatedArticle, quoted: Sequence[Span] = ()) -> None:
        text = self._text = article.article.text
        inside = sorted((s.start, s.end) for s in quoted)

        def is_quoted(start: int) -> bool:
            i = bisect_left(inside, (start + 1, 0)) - 1
            return i >= 0 and inside[i][0] <= start < inside[i][1]

        raw = [(e.start, e.end, clean_name(e.text)) for e in article.entities
               if e.label == "PERSON" and not is_quoted(e.start)]
        raw = [r for r in raw if r[2]]
        self._full: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for start, _end, name in raw:
            self._full[surname(name)].append((start, name))
        self.mentions = [Mention(s, e, self.full_name(n, s)) for s, e, n in raw]
        self._starts = [m.start for m in self.mentions]
        self.gender: dict[str, str] = {}  # full name → "he"/"she", from Mr./Ms./Mrs.
        for mention in self.mentions:
            honorific = _bare((text[max(0, mention.start - 6):mention.start].split() or [""])[-1])
            if honorific in _GENDERED:
                self.gender.setdefault(mention.name, _GENDERED[honorific])
        self._titled: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for mention in self.mentions:
            before = text[max(0, mention.start - 40):mention.start].lower().split()[-3:]
            after = re.match(r",\s+(?:(?:the|a|an|its|his|her)\s+)?((?:[\w.’'-]+\s+){0,3}?)"
                             r"([\w.]+)\b", text[mention.end:mention.end + 60])
            words = [*before, *((after.group(2),) if after else ())]
            for title in {_bare(word) for word in words} & TITLES:
                self._titled[title].append((mention.start, mention.name))

    def full_name(self, name: str, at: int) -> str:
        """The fullest form of a person's name in the article, as known at offset `at`."""
        candidates = [(start, full) for start, full in self._full.get(surname(name), [])
                      if _fits(name, full)]
        if not candidates:
            return name
        longest = max(len(full.split()) for _, full in candidates)
        fullest = [(start, full) for start, full in candidates if len(full.split()) == longest]
        earlier = [c for c in fullest if c[0] <= at]
        return (earlier[-1] if earlier else fullest[0])[1]

    def before(self, at: int, pronoun: str | None = None) -> Mention | None:
        """The last person named before offset `at` (whom `pronoun` can refer to), unless
        that person is named in what another reported ("Bloomberg argued that Trump was …"):
        then the one who reported it, the more likely "he" of a quotation that follows."""
        wanted = {"he": "he", "him": "he", "she": "she", "her": "she"}.get(pronoun or "")
        fitting = (m for m in reversed(self.mentions[:bisect_left(self._starts, at)])
                   if wanted is None or self.gender.get(m.name) in (None, wanted))
        last = next(fitting, None)
        if last is None:
            return None
        earlier = next((m for m in fitting if m.name != last.name), None)
        if earlier is not None and _REPORTED.fullmatch(self._text[earlier.end:last.start]):
            return earlier
        return last

    def titled(self, title: str, at: int) -> str | None:
        """The person who most recently carried `title` before `at` (else the first after)."""
        carriers = self._titled.get(_bare(title), [])
        earlier = [name for start, name in carriers if start < at]
        if earlier:
            return earlier[-1]
        return carriers[0][1] if carriers else None


def speaker_name(people: People, text: str, start: int, end: int, *,
                 entities: Iterable[tuple[int, int, str, str]] = ()) -> str | None:
    """The canonical speaker named by the mention `text` at `[start, end)`."""
    words = name_key(text).split()
    if not words or (len(words) == 1 and words[0] in _NO_SPEAKER_WORDS):
        return None
    overlapping = [(s, e, t, label) for s, e, t, label in entities if s < end and start < e]
    if any(label in _NOT_SPEAKERS and s <= start and end <= e
           for s, e, _, label in overlapping):
        return None  # a parse that took "7:19 p.m." for the subject of "reports"
    head = _bare(words[-1])
    person = next((t for s, e, t, label in overlapping if label == "PERSON" and e >= end), None)
    if person and clean_name(person):
        return people.full_name(clean_name(person), start)
    if head in _AGENTS and re.search(r"['’]s?\s", text):  # "Ms. Merkel's spokesman"
        return " ".join(text.split())
    if len(words) == 1 and words[0] in PERSONAL_PRONOUNS:
        mention = people.before(start, words[0])
        return mention.name if mention else None
    if words[0] in {"they", "we", "i", "you", "it", "who", "that"}:
        return None
    if head in TITLES:
        titled = people.titled(head, start)
        if titled is not None:
            return titled
        mention = people.before(start)
        if mention is not None and words[0] not in {"a", "an", "one", "another"}:
            return mention.name
    # an organisation names the speaker only when it ends the mention ("the DNC", not the
    # "GOP" of "a longtime GOP data expert")
    named = next((t for s, e, t, label in overlapping
                  if label in {"ORG", "GPE", "NORP"} and e >= end), None)
    if named:
        return " ".join(named.split())
    described = text.split()
    if described[0] in {"The", "A", "An"} and all(w.islower() for w in described[1:]):
        described[0] = described[0].lower()  # "The statement" and "the statement" are one
    return " ".join(described)


def _more_formal(full: str, short: str) -> bool:
    """Of two names of as many words that fit each other by a nickname, whether `full` is
    the one to show: the one the other does not fit back, else the longer, else the first
    alphabetically (the nickname list pairs some names both ways: "Bill" / "William")."""
    if not _fits(full, short):
        return True
    return (len(full), short) > (len(short), full)


def unify_speakers(names: Iterable[str]) -> dict[str, str]:
    """Map every speaker name to the fullest name it can be a short form of, across articles.

    A name with a nickname where another has the given name it stands for ("Chuck Schumer",
    "Charles Schumer") is a form of that other. A short form that fits several different
    full names ("Clinton": Bill or Hillary) is left as it is.
    """
    distinct = sorted(set(names), key=lambda n: (-len(n.split()), n))
    mapping: dict[str, str] = {}
    for name in distinct:
        size = len(name.split())
        fuller = {mapping.get(other, other) for other in distinct
                  if other != name and _fits(name, other) and (
                      len(other.split()) > size
                      or (len(other.split()) == size and _more_formal(other, name)))}
        mapping[name] = fuller.pop() if len(fuller) == 1 else name
    for name in distinct:  # a nickname's form mapped before its own fuller form was known
        seen = {name}
        while mapping[mapping[name]] not in seen:
            seen.add(mapping[name])
            mapping[name] = mapping[mapping[name]]
    return mapping
