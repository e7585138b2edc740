"""What each statement of a shared claim adds: the words no other outlet's statement carries.

A partial claim joins sentences that share a fact, but the longer one often states more:
"Mary Cheney, who is gay and married her longtime partner last year, wrote…" against
"Mary Cheney wrote…". A content word of a statement (noun, proper noun, verb, adjective,
adverb or number, not a stop word) is carried by the claim's other outlets when its lemma,
or its text case-folded, is among the content words of their statements in that claim.
The words carried by no other outlet form runs (stop words and punctuation between two
uncarried words stay inside a run); a run becomes an `extra` span when it holds at least
`MIN_WORDS` content words, or one number or name, so that a lone differing verb ("said"
/ "told") is not flagged as news.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from parallax.types import AnnotatedArticle, Claim, Span, Statement, Token

__all__ = ["MIN_WORDS", "with_extra"]

CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
MIN_WORDS = 2
"""Content words a run needs to be shown as added (names and numbers count alone); read on
the seed pair and the 10 development triplets of eval/facts.py, where single words were
mostly wording ("said" / "told", "also")."""


def _content(token: Token) -> bool:
    return token.pos in CONTENT and not token.is_stop and any(c.isalnum() for c in token.text)


_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)([kKmM]|bn)?")
_SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9}


def _keys(token: Token) -> set[str]:
    """What makes two words the same word: lemma, case-folded text, or value ("20K", "20,000")."""
    keys = {token.lemma, token.text.casefold()}
    if (number := _NUMBER.fullmatch(token.text)) is not None:
        value = float(number.group(1).replace(",", ""))
        keys.add(f"{value * _SCALE.get((number.group(2) or '').lower(), 1):g}")
    return keys


def _words(tokens: Sequence[Token]) -> list[Token]:
    """The tokens, a number glued to its scale ("20" "K") made one word ("20K")."""
    words: list[Token] = []
    for token in tokens:
        last = words[-1] if words else None
        if (last is not None and last.end == token.start and last.like_num
                and token.text.lower() in _SCALE):
            words[-1] = replace(last, end=token.end, text=last.text + token.text, pos="NUM")
        else:
            words.append(token)
    return words


def _runs(tokens: Sequence[Token], carried: set[str]) -> list[Span]:
    spans: list[Span] = []
    run: list[Token] = []
    words = 0
    strong = False

    def close() -> None:
        if run and (words >= MIN_WORDS or strong):
            spans.append(Span(run[0].start, run[-1].end))

    for token in tokens:
        if not _content(token):
            if run:
                run.append(token)
            continue
        if _keys(token) & carried:
            while run and not _content(run[-1]):
                run.pop()
            close()
            run, words, strong = [], 0, False
            continue
        run.append(token)
        words += 1
        strong = strong or token.pos in ("NUM", "PROPN") or token.like_num
    while run and not _content(run[-1]):
        run.pop()
    close()
    return spans


def _added(statement: Statement, tokens: Sequence[Token], carried: set[str]) -> Statement:
    return replace(statement, extra=tuple(_runs(tokens, carried)))


def with_extra(claims: Sequence[Claim], articles: Sequence[AnnotatedArticle]) -> list[Claim]:
    """The claims with each statement of a shared claim given its `extra` spans."""
    sentences = {(a.id, s.index): s for a in articles for s in a.sentences}
    result = []
    for claim in claims:
        if len(claim.sources) < 2:
            result.append(claim)
            continue
        keys = {st.article: set[str]() for st in claim.statements}
        for st in claim.statements:
            for token in _words(sentences[(st.article, st.sentence)].tokens):
                if _content(token):
                    keys[st.article] |= _keys(token)

        statements = tuple(
            _added(st, _words(sentences[(st.article, st.sentence)].tokens),
                   set().union(*(k for a, k in keys.items() if a != st.article)))
            for st in claim.statements)
        result.append(replace(claim, statements=statements))
    return result
