"""What each statement of a shared claim adds: the words no other outlet's statement carries.

A partial claim joins sentences that share a fact, but the longer one often states more:
"Mary Cheney, who is gay and married her longtime partner last year, wrote…" against
"Mary Cheney wrote…". A content word of a statement (noun, proper noun, verb, adjective,
adverb or number, not a stop word) is carried by the claim's other outlets when its lemma,
or its text case-folded, is among the content words of their statements in that claim; a
number is carried when its value is (`align.numbers`: "20K" = "20,000" = "twenty thousand").
The words carried by no other outlet form runs (stop words and punctuation between two
uncarried words stay inside a run); a run becomes an `extra` span when it holds at least
`MIN_WORDS` content words, or one number or name, so that a lone differing verb ("said"
/ "told") is not flagged as news.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from parallax.align.numbers import number_spans
from parallax.types import AnnotatedArticle, Claim, Span, Token

__all__ = ["MIN_WORDS", "with_extra"]

CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
MIN_WORDS = 2
"""Content words a run needs to be shown as added (names and numbers count alone); read on
the seed pair and the 10 development triplets of eval/facts.py, where single words were
mostly wording ("said" / "told", "also")."""


@dataclass(frozen=True, slots=True)
class _Word:
    """A word of a statement: a token, or the tokens of one number ("20 K", "two hundred")."""

    start: int
    end: int
    content: bool
    strong: bool  # a name or a number: added on its own
    keys: frozenset[str]  # what makes two words the same: lemma, case-folded text, or value


def _words(tokens: Sequence[Token]) -> list[_Word]:
    """The words of a sentence; a number is one word keyed by its value (20K = 20,000)."""
    numbers = {n.first: n for n in number_spans(tokens)}
    words: list[_Word] = []
    i = 0
    while i < len(tokens):
        if (number := numbers.get(i)) is not None:
            words.append(_Word(tokens[i].start, tokens[number.last - 1].end, True, True,
                               frozenset({f"{number.value:g}"})))
            i = number.last
            continue
        token = tokens[i]
        content = (token.pos in CONTENT and not token.is_stop
                   and any(c.isalnum() for c in token.text))
        words.append(_Word(token.start, token.end, content, token.pos in ("NUM", "PROPN"),
                           frozenset({token.lemma, token.text.casefold()})))
        i += 1
    return words


def _runs(words: Sequence[_Word], carried: set[str]) -> list[Span]:
    """The runs of content words none of whose keys is `carried`, long or strong enough."""
    spans: list[Span] = []
    run: list[_Word] = []

    def close() -> None:
        while run and not run[-1].content:
            run.pop()
        content = [w for w in run if w.content]
        if content and (len(content) >= MIN_WORDS or any(w.strong for w in content)):
            spans.append(Span(run[0].start, run[-1].end))
        run.clear()

    for word in words:
        if not word.content:
            if run:
                run.append(word)
        elif word.keys & carried:
            close()
        else:
            run.append(word)
    close()
    return spans


def with_extra(claims: Sequence[Claim], articles: Sequence[AnnotatedArticle]) -> list[Claim]:
    """The claims with each statement of a shared claim given its `extra` spans."""
    sentences = {(a.id, s.index): s for a in articles for s in a.sentences}
    result = []
    for claim in claims:
        if len(claim.sources) < 2:
            result.append(claim)
            continue
        words = [_words(sentences[(st.article, st.sentence)].tokens) for st in claim.statements]
        keys: dict[str, set[str]] = {st.article: set() for st in claim.statements}
        for st, found in zip(claim.statements, words, strict=True):
            keys[st.article].update(k for w in found if w.content for k in w.keys)
        statements = tuple(
            replace(st, extra=tuple(_runs(found, set().union(
                *(k for article, k in keys.items() if article != st.article)))))
            for st, found in zip(claim.statements, words, strict=True))
        result.append(replace(claim, statements=statements))
    return result
