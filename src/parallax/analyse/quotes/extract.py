"""Direct quotations of articles, with their speakers, matched across articles.

`extract_quotes` finds an article's quotations (see `quote_marks` for the quotation marks,
interrupted and multi-paragraph quotes and scare quotes) and attributes each one: the cue
comes from spaCy's dependency parse of the quotation's paragraph (`quote_cues.find_cue`: the
subject of "said", "told", "added"…, the object of "according to", a colon after a named
speaker), and the speaker mention is resolved to a canonical name (`speakers`). The docs
are annotate's own parse of those paragraphs (`ParsedArticle.paragraph_docs`), not a second one.
A quotation without a cue of its own takes, in order: the speaker of the
quotation before it in its paragraph; the person last named in the paragraph that
introduces it with a colon; the person last named before it in its paragraph; the speaker
of a quotation in one of the three paragraphs before it; else no speaker.
`quotes_of` does this for the articles of a comparison, gives one name to one speaker across
them, numbers the quotes q1…qn and matches the same utterance across articles
(`quote_match`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from parallax.analyse.quotes.cues import find_cue
from parallax.analyse.quotes.marks import (
    Found,
    Tokens,
    find_quotations,
    is_scare_quote,
    paragraph_spans,
)
from parallax.analyse.quotes.match import match_quotes
from parallax.analyse.quotes.speakers import People, speaker_name, unify_speakers
from parallax.annotate.pipeline import ParsedArticle
from parallax.types import AnnotatedArticle, Quote, QuoteMatch, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from parallax.align.embed import Encoder

def _docs(articles: Sequence[ParsedArticle],
          wanted: Sequence[set[int]]) -> list[dict[int, Doc]]:
    """annotate's spaCy docs of the wanted paragraphs of each article."""
    return [{p: article.paragraph_docs[p] for p in sorted(numbers)}
            for article, numbers in zip(articles, wanted, strict=True)]


@dataclass(frozen=True, slots=True)
class _Said:
    speaker: str | None
    span: Span | None
    cue: str | None
    paragraph: int


def _from_context(article: AnnotatedArticle, found: Found, people: People,
                  previous: Sequence[_Said]) -> _Said:
    """The speaker of a quotation with no cue of its own (see `extract_quotes`)."""
    text = article.article.text
    paragraphs = paragraph_spans(article.article)
    first = found.paragraphs[0]
    para = paragraphs[first]
    colon = ":" if text[para.start:found.outer[0].start].rstrip().endswith(":") else None
    last = previous[-1] if previous else None
    if last is not None and last.paragraph == first and last.speaker is not None:
        return _Said(last.speaker, last.span, None, first)
    person = people.before(found.outer[0].start)
    if _introduced(text, paragraphs, found) and person is not None and \
            person.start >= paragraphs[first - 1].start:
        return _Said(person.name, Span(person.start, person.end), ":", first)
    if person is not None and person.start >= para.start and (
            last is None or last.paragraph != first or last.span is None
            or person.start > last.span.start):
        return _Said(person.name, Span(person.start, person.end), colon, first)
    if last is not None and last.speaker is not None and first - last.paragraph <= 3:
        return _Said(last.speaker, last.span, None, first)
    return _Said(None, None, colon, first)


def _introduced(text: str, paragraphs: Sequence[Span], quote: Found) -> bool:
    """Whether a quotation opens its paragraph right after one ending in a colon."""
    first = quote.paragraphs[0]
    return first > 0 and not text[paragraphs[first].start:quote.outer[0].start].strip() and \
        text[paragraphs[first - 1].start:paragraphs[first - 1].end].rstrip().endswith(":")


def _attribute(article: AnnotatedArticle, found: Sequence[Found],
               docs: dict[int, Doc]) -> list[Quote]:
    text = article.article.text
    paragraphs = paragraph_spans(article.article)
    quoted = [o for f in found for o in f.outer]
    people = People(article, quoted)
    entities = [(e.start, e.end, e.text, e.label) for e in article.entities]
    sentence_starts = [s.start for s in article.sentences]
    said: list[_Said] = []
    quotes: list[Quote] = []
    for number, quote in enumerate(found, 1):
        cue = None
        for p in dict.fromkeys((quote.paragraphs[-1], quote.paragraphs[0])):
            para = paragraphs[p]
            outer = [o for o in quote.outer if para.start <= o.start < para.end]
            if outer and p in docs and (cue := find_cue(docs[p], para.start, outer, quoted)):
                break
        first = quote.paragraphs[0]
        if cue is None and _introduced(text, paragraphs, quote) and first - 1 in docs:
            para = paragraphs[first - 1]
            cue = find_cue(docs[first - 1], para.start, [Span(para.end, para.end)], quoted)
        if cue is not None and cue.speaker is not None:
            mention = cue.speaker
            name = speaker_name(people, text[mention.start:mention.end], mention.start,
                                mention.end, entities=entities)
            said.append(_Said(name, mention, cue.cue, quote.paragraphs[0]))
        else:
            context = _from_context(article, quote, people, said)
            said.append(_Said(context.speaker, context.span,
                              cue.cue if cue is not None else context.cue, context.paragraph))
        lo = max(0, bisect_right(sentence_starts, quote.start) - 1)
        hi = max(0, bisect_left(sentence_starts, quote.end))
        current = said[-1]
        quotes.append(Quote(
            id=f"{article.id}:q{number}", article=article.id, start=quote.start,
            end=quote.end, text=" ".join(text[p.start:p.end] for p in quote.parts),
            sentences=tuple(range(lo, max(lo + 1, hi))), speaker=current.speaker,
            speaker_start=current.span.start if current.span else None,
            speaker_end=current.span.end if current.span else None, cue=current.cue,
        ))
    return quotes


def _quotations(articles: Sequence[AnnotatedArticle]) -> list[tuple[list[Found], list[Found]]]:
    """Each article's (quotations, scare quotes)."""
    result = []
    for article in articles:
        tokens = Tokens(article)
        found = find_quotations(article.article)
        scare = [f for f in found if is_scare_quote(article, f, tokens)]
        result.append(([f for f in found if f not in scare], scare))
    return result


def extract_many(articles: Sequence[ParsedArticle]) -> list[list[Quote]]:
    """The direct quotations of each article (see `extract_quotes`), one parse for all."""
    found = [quotes for quotes, _ in _quotations(articles)]
    wanted = []
    for article, quotes in zip(articles, found, strict=True):
        paragraphs = paragraph_spans(article.article)
        wanted.append({p for f in quotes for p in (f.paragraphs[0], f.paragraphs[-1])} | {
            f.paragraphs[0] - 1 for f in quotes
            if _introduced(article.article.text, paragraphs, f)})
    docs = _docs(articles, wanted)
    return [_attribute(a, f, d) for a, f, d in zip(articles, found, docs, strict=True)]


def extract_quotes(article: ParsedArticle) -> list[Quote]:
    """The direct quotations of one article, in text order, each with its speaker and cue.

    Ids are provisional (`{article id}:q{n}`); `speaker` is the canonical name within the
    article, `speaker_start`/`speaker_end` where the mention (a name, title or pronoun)
    stands, `cue` the speech verb, "according to", ":" or "—", or None when the speaker
    comes from the context (see the module docstring).
    """
    return extract_many([article])[0]


def extract_scare_quotes(article: AnnotatedArticle) -> list[tuple[int, int, str]]:
    """The scare quotes of an article: (start, end, text) of the quoted words."""
    text = article.article.text
    return [(f.start, f.end, text[f.start:f.end]) for f in _quotations([article])[0][1]]


def quotes_of(articles: Sequence[ParsedArticle],
              encoder: Encoder) -> tuple[list[Quote], list[QuoteMatch]]:
    """The quotes of the compared articles and the utterances several of them quote.

    Quotes are numbered q1…qn in article order; speakers get one name across articles
    ("Tokayev" and "Kassym-Jomart Tokayev" → "Kassym-Jomart Tokayev"). A quote in no
    QuoteMatch is carried by its article alone (see `unmatched`).
    """
    per_article = extract_many(articles)
    names = unify_speakers(q.speaker for quotes in per_article for q in quotes if q.speaker)
    quotes = [replace(q, id=f"q{n}", speaker=names.get(q.speaker) if q.speaker else None)
              for n, q in enumerate((q for quotes in per_article for q in quotes), 1)]
    return quotes, match_quotes(quotes, encoder)


def unmatched(quotes: Sequence[Quote], matches: Sequence[QuoteMatch]) -> list[Quote]:
    """The quotes that only one article carries."""
    matched = {quote_id for match in matches for quote_id in match.quotes}
    return [q for q in quotes if q.id not in matched]
