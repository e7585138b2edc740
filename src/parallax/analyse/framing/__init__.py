"""Framing: how each article names the actors, what it adopts and what it keeps at a distance.

`framing_of` runs, per article: actor labels (`labels`) and the voice of each use
(`voice`, with reported speech from `reported`), the headline against the body
(`headline`), loaded words in the outlet's own voice (`loaded`) and the judgement of each
own-voice sentence, loaded language or not (`sentences`), quoted and cited sources
(`sources`), and the per-article table (`summary`). Quotes come from the quotes analyser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from parallax.align.embed import Encoder
from parallax.analyse.analyser import Analyser, Inputs
from parallax.analyse.framing.actors import actors_of
from parallax.analyse.framing.headline import headline_framing, headline_span, headline_uses
from parallax.analyse.framing.labels import find_labels
from parallax.analyse.framing.loaded import loaded_words
from parallax.analyse.framing.reported import find_reported
from parallax.analyse.framing.sentences import loaded_sentences
from parallax.analyse.framing.sources import agreed_kinds, sources_of
from parallax.analyse.framing.summary import article_row
from parallax.analyse.framing.voice import Quoted, Voices, dangling_quote, voice_of
from parallax.analyse.quotes.extract import extract_scare_quotes
from parallax.analyse.quotes.marks import paragraph_spans
from parallax.annotate.pipeline import ParsedArticle
from parallax.types import (
    AnnotatedArticle,
    ArticleFraming,
    Framing,
    HeadlineFraming,
    LabelUse,
    LoadedSentence,
    LoadedWord,
    Quote,
    SourceShare,
    Span,
)

__all__ = ["FRAMING", "framing_of"]


def _voices(article: ParsedArticle, quotes: Sequence[Quote]) -> Voices:
    """What of an article's text is in someone else's voice."""
    quoted = [Quoted(Span(q.start, q.end), q.speaker) for q in quotes]
    quoted += [Quoted(d) for p in paragraph_spans(article.article)
               if (d := dangling_quote(article.article.text, p)) is not None]
    scare = [Span(start, end) for start, end, _ in extract_scare_quotes(article)]
    return Voices(quoted, scare, find_reported(article, [q.span for q in quoted]))


def framing_of(articles: Sequence[ParsedArticle], quotes: Sequence[Quote], *,
               encoder: Encoder) -> Framing:
    """The framing of the compared articles, given the quotes the quotes analyser found."""
    labels: list[LabelUse] = []
    loaded: list[LoadedWord] = []
    judged: list[LoadedSentence] = []
    headlines: list[HeadlineFraming] = []
    sources: list[SourceShare] = []
    rows: list[ArticleFraming] = []
    found = {a.id: find_labels(a.sentences, a.entities, encoder=encoder) for a in articles}
    actors = actors_of([(a, found[a.id]) for a in articles], encoder=encoder)
    cited: dict[str, list[SourceShare]] = {}
    framed: list[tuple[AnnotatedArticle, list[Quote], list[LabelUse], list[LoadedWord],
                       HeadlineFraming | None]] = []
    for article in articles:
        mine = [q for q in quotes if q.article == article.id]
        voices = _voices(article, mine)
        head = headline_span(article)
        starts = {s.index: s.start for s in article.sentences}
        in_title = headline_uses(article, encoder)
        uses = [replace(u, actor=actors.get(u.label, u.label)) for u in in_title + [
            voice_of(article.id, article.article.text, o, starts[o.sentence], voices,
                     headline=head is not None and head.start <= o.start < head.end)
            for o in found[article.id]]]
        not_own = voices.not_own()
        words = loaded_words(article, not_own)
        judged += loaded_sentences(article, not_own, words, encoder=encoder)
        headline = headline_framing(article, uses)
        cited[article.id] = sources_of(article, mine, voices.reported)
        framed.append((article, mine, uses, words, headline))
        labels += uses
        loaded += words
        headlines += [headline] if headline else []
    # a source's kind may come from another article's words, so rows wait for all articles
    cited = agreed_kinds(cited)
    for framed_article, mine, uses, words, headline in framed:
        sources += cited[framed_article.id]
        rows.append(article_row(framed_article, uses=uses, loaded=words, headline=headline,
                                sources=cited[framed_article.id], quotes=mine))
    return Framing(tuple(labels), tuple(loaded), tuple(headlines), tuple(sources), tuple(rows),
                   tuple(judged))


def _run(given: Inputs) -> tuple[Any, ...]:
    return (framing_of(given.articles, given.found["quotes"], encoder=given.encoder),)


FRAMING = Analyser("framing", requires=("quotes",), assigns=("framing",), run=_run)
