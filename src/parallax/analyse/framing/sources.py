"""Source diversity: who each article quotes or cites, of what kind, and their share of the
quoted words.

A source is a speaker of a direct quotation (`Quote.speaker`) or the subject of reported
speech outside quotations ("the Interior Ministry announced that…"); a pronoun counts for
the speaker quoted last before it. Its kind comes from the words naming it, standing
right before its mentions ("President Kassym-Jomart Tokayev", "the Interior Ministry",
"House Minority Leader Nancy Pelosi", "Speaker Pelosi") or in an apposition right after
one ("Pelosi, the House minority leader, said").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from parallax.analyse.framing.reported import Reported
from parallax.types import AnnotatedArticle, Quote, SourceShare

__all__ = ["KINDS", "agreed_kinds", "source_kind", "sources_of"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


KINDS: dict[str, frozenset[str]] = {
    "international": _words("""
        un nations csto nato eu european organization organisation organizations
        organisations international imf osce unicef who"""),
    "official": _words("""
        president minister ministry government governor gov mayor spokesman spokeswoman
        sen rep congressman congresswoman lawmaker secretary
        spokesperson police army military office committee prosecutor interior authorities
        official officials parliament senator state kremlin guard agency agencies
        department security services premier chancellor king speaker
        majority_leader minority_leader house_leader senate_leader party_leader
        democratic_leader republican_leader gop_leader whip"""),
    "challengers": _words("""
        protester protesters activist activists demonstrator demonstrators opposition
        rebels rebel organisers organizers"""),
    "expert": _words("""
        expert experts analyst analysts professor researcher researchers scientist
        economist scholar lawyer"""),
    "media": _words("newspaper reporter journalist media tv television broadcaster"),
}
"""Words that tell a source's kind, tried in this order ("UN Security Council" is international)."""
_ACRONYMS = frozenset({"un", "who", "eu", "imf"})
"""Cues that count only in capitals: the WHO, not "people who know him"."""
_TITLES = frozenset({"speaker", "whip"})
"""Cues that count only capitalised, as a title: "Speaker Pelosi", not "a speaker at the
rally"."""
_LEADS = frozenset({"majority", "minority", "house", "senate", "party", "democratic",
                    "republican", "gop"})
"""Words that make "leader" an office ("House Minority Leader", "Democratic leader"): a
leader alone may lead a protest."""
_APPOSITION = re.compile(r"\W{0,3},\s+(?:the|a|an)\s+([^,.;:()“”\"]{1,60})[,.;]")
"""A description set off by commas right after a mention: ", the House minority leader,"."""
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})


def source_kind(name: str, text: str) -> str:
    """The kind of a source named `name` in an article `text` (see the module docstring)."""
    words = _cue_words(name)
    last = words[-1] if words else ""
    context: list[str] = list(words)
    if last:
        for match in re.finditer(re.escape(last), text, re.IGNORECASE):
            context += _cue_words(text[max(0, match.start() - 40):match.start()])[-3:]
            apposition = _APPOSITION.match(text, match.end())
            if apposition:
                context += _cue_words(apposition[1])
    for kind, cues in KINDS.items():
        if any(w in cues for w in words):
            return kind
    for kind, cues in KINDS.items():
        if any(w in cues for w in context):
            return kind
    return "other"


def _cue_words(text: str) -> list[str]:
    """The words of `text` in lower case, an acronym cue written in lower case and a title
    cue not capitalised left out; "leader" after a word that makes it an office is joined
    to it ("minority_leader")."""
    words = [word.lower() for word in re.findall(r"\w+", text)
             if (word.isupper() or word.lower() not in _ACRONYMS)
             and (word[:1].isupper() or word.lower() not in _TITLES)]
    return [f"{before}_{word}" if word == "leader" and before in _LEADS else word
            for before, word in zip(["", *words], words, strict=False)]


def _canonical(name: str, speakers: Sequence[str]) -> str:
    words = set(re.findall(r"\w+", name.lower()))
    for speaker in speakers:
        surname = re.findall(r"\w+", speaker.lower())[-1:]
        if surname and surname[0] in words:
            return speaker
    return re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)


def sources_of(article: AnnotatedArticle, quotes: Sequence[Quote],
               reported: Sequence[Reported]) -> list[SourceShare]:
    """The quoted and cited sources of an article, most quoted words first."""
    text = article.article.text
    quoted = [q for q in quotes if q.article == article.id]
    speakers = list(dict.fromkeys(q.speaker for q in quoted if q.speaker))
    words: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for quote in quoted:
        name = quote.speaker or "unattributed"
        words[name] += len(quote.text.split())
        counts[name] += 1
    cited: Counter[str] = Counter()
    for report in reported:
        where = report.speaker_span
        if not report.speaker or where is None or any(
                q.start <= where.start < q.end for q in quoted):
            continue  # no one named, or reported inside a quotation: the quoted speaker's
        if report.speaker.lower() in _PRONOUNS:
            before = [q.speaker for q in quoted if q.speaker and q.start < where.start]
            if before or speakers:
                cited[(before or speakers)[-1]] += 1
            continue
        cited[_canonical(report.speaker, speakers)] += 1
    words, counts, cited = _one_case(words, counts, cited)
    total = sum(words.values())
    names = sorted(set(counts) | set(cited), key=lambda n: (-words[n], -cited[n], n))
    return [SourceShare(article.id, name, "other" if name == "unattributed"
                        else source_kind(name, text), counts[name], cited[name],
                        words[name], round(words[name] / total, 4) if total else 0.0)
            for name in names]


def _one_case(*tallies: Counter[str]) -> tuple[Counter[str], ...]:
    """The tallies with names that differ only in case ("Experts" opening a sentence,
    "experts" inside one) counted as one, in lower case where any form is."""
    display: dict[str, str] = {}
    for name in sorted({n for tally in tallies for n in tally}):
        key = name.casefold()
        if key not in display or name[:1].islower():
            display[key] = name
    merged = []
    for tally in tallies:
        one: Counter[str] = Counter()
        for name, n in tally.items():
            one[display[name.casefold()]] += n
        merged.append(one)
    return tuple(merged)


def agreed_kinds(sources: Mapping[str, Sequence[SourceShare]]) -> dict[str, list[SourceShare]]:
    """Each article's sources, a source of kind "other" taking the kind another article's
    words give it ("Rep. Paul Ryan" in one report, plain "Paul Ryan" in the next)."""
    known: dict[str, Counter[str]] = {}
    for shares in sources.values():
        for share in shares:
            if share.kind != "other":
                known.setdefault(share.speaker, Counter())[share.kind] += 1
    return {article: [replace(share, kind=known[share.speaker].most_common(1)[0][0])
                      if share.kind == "other" and share.speaker in known else share
                      for share in shares]
            for article, shares in sources.items()}
