"""Lines of an article that state nothing about the event: prompts, credits, captions,
subheads, separators and page furniture.

Rules over the text and the paragraph layout, no model. A sentence is looked at alone for
what gives itself away by its words (a newsletter prompt, "X contributed to this report",
"Advertisement", a photo credit); a paragraph as a whole for what its shape gives away (a
short line without sentence punctuation is a subhead; a short paragraph carrying a photo
credit is a caption). Precision comes first: a byline left among the claims costs a reader
little, a real statement taken out of the comparison costs a fact. Measured on the AllSides
articles by `eval/nonclaims.py` (docs/evaluation.md §Non-claims).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parallax.types import NonClaim, Sentence, Span

__all__ = ["nonclaim_kinds"]

SUBHEAD_WORDS = 10
"""A paragraph without sentence punctuation is a subhead up to this many words. Of 60 read
among the 169 such lines of 11 to 16 words in 1,500 AllSides articles (seed 7), most were
still headlines and questions, but one was a statement whose verb the tagger missed ("The
controversy centers on the Virginia bill’s provisions …"), a risk that grows with length;
at 10 words or fewer, none of the 100 marked lines read for docs/evaluation.md was one."""
HEADLINE_WORDS = 3
"""A line this short without a full stop is a heading even with a verb: "Constitutional
order restored", "Witnesses are necessary" (the seed pair's and AllSides' subheads), where
a statement of three words keeps its full stop ("No one was hurt.")."""
CAPTION_WORDS = 100
"""A paragraph carrying a photo credit is a caption, all of it, up to this many words. In
1,500 AllSides articles (seed 7) such paragraphs ran to 97 words, AP captions with their
context sentences ("FILE - In this … photo, …. (AP Photo/…)"), save one of 118; the
others, of 237 to 349 words, were whole pages flattened into one paragraph that ended in
"Illustration by …": there only the credit's sentence goes."""
BIO_PARAGRAPHS = 3
"""An author's bio ("X is a columnist for Y") is read as a credit only in an article's last
paragraphs. In 1,500 AllSides articles (seed 7), the 23 such lines in the last three were
all bios of the author; of the 9 further up, 3 said something about people in the story
("Abrams is the author of eight romance novels …")."""

_I = re.IGNORECASE


def _any(*patterns: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


_PROMPT = _any(
    r"\b(?:sign(?:ing)? up|subscrib(?:e|ing))\b.{0,60}?\b(?:newsletters?|inbox|alerts|"
    r"here|now|today|free|our)\b",
    r"\bnewsletters?\b.{0,40}\b(?:sign|subscrib|inbox|deliver|manage)",
    r"^subscribe\b", r"\bsubscribe (?:now|today|here|to (?:our|the|\w+['’]s))\b",
    r"^get (?:breaking|the latest|all the latest|our)\b.{0,40}\b(?:alerts|news|newsletters?|"
    r"updates|stories)\b",
    r"\byour inbox\b", r"\bdelivered (?:daily|weekly|weekday|every|straight|right to)\b",
    r"\b(?:download|get) (?:the|our)\b.{0,40}\bapp\b",
    r"\b(?:click|tap) (?:here|to (?:get|read|watch|sign|subscribe|see))\b",
    r"re-?captcha|\bcaptcha\b", r"\buses? cookies\b", r"\byou agree to\b",
    r"\bour privacy policy\b", r"\bfor as little as \$",
    r"^(?:follow|like|join)\b.{0,60}\b(?:twitter|facebook|instagram|flipboard|youtube)\b",
    r"^follow @\w", r"^follow (?:us|me)\b", r"\byou can follow (?:me|us|him|her)\b",
    r"^click to enlarge\b",
    r"^\(?\s*(?:read more|more|also see|see also|also read|related(?: coverage| stories)?|"
    r"watch|listen|photos?|video|full coverage|special coverage|most read|recommended|"
    r"trending|more from \w+|latest)\s*:",
    r"^\(?\s*also on \w+\s*:", r"\bflipboard\b",
    r"^read more\b(?: here)?\W*$", r"^send (?:us )?(?:a |your )?(?:tips?|letters?)\b",
    r"^contact us\b",
    r"^got a tip\b", r"^(?:share|tweet|email) (?:this|on)\b", r"^share this article\b",
    r"\bsupport (?:our|\w+['’]s) (?:\w+ )?journalism\b", r"\bbecome a (?:member|subscriber)\b",
    r"\bvote (?:here )?now\b", r"\badd .{1,40} as an interest\b",
    r"\bno paywall\b|\bremoved (?:the|our) paywall\b",
    r"^interested in .{1,40}\?",
)
_CREDIT = _any(
    r"\bcontribut(?:ed|ing)(?: reporting)?(?: to)? (?:this|the) (?:report|story|article)\b",
    r"\bcontributed reporting\b", r"^contributing\s*:", r"^(?:additional )?reporting by\b",
    r"\bediting by\b", r"\bwith assistance (?:from|by)\b", r"\bcan be reached at\b",
    r"^(?:written|compiled|edited|produced) by\b",
    r"^write to .{2,60} at \S+@\S+", r"\bcopyright ©|©\s*(?:copyright )?\d{4}",
    r"\ball rights reserved\b", r"\bmay not be (?:published|reproduced|redistributed)\b",
    r"\bbased in part on (?:wire|news agency)(?: service)? reports\b",
    r"^(?:editor['’]s note:\s*)?this (?:article|story|column|piece|essay|post) "
    r"(?:was |is |has been )?(?:originally|first) (?:published|appeared|ran)\b",
    r"\b(?:opinions|views) expressed\b",
    r"^\[[^\]]{2,80}, \d{1,2}/\d{1,2}/\d{2,4}(?:, via [^\]]+)?\]$",
)
_BIO = re.compile(
    r"^[•\-—–* ]*[A-Z][\w.'’ -]{2,40} (?:is|was) (?:an? |the )?(?:[\w-]+ ){0,4}"
    r"(?:columnist|contributor|contributing editor|contributing writer|editor|writer|"
    r"correspondent|reporter|host of|author of|senior fellow)\b"
)
_BYLINE = re.compile(r"^By [A-Z]")
_FURNITURE = _any(
    r"(?:advertisement\W*)+|ad|story continue[sd]? below|continue reading(?: below| the main "
    r"story)?|advertisement continue reading the main story|loading\W*|close|print|email|"
    r"share|video|audio|transcript|more on this\W*|(?:next |prev )?image \d+ of \d+|"
    r"this (?:article|story) is more than \d+ (?:years?|months?) old|"
    r"\d+ (?:years?|months?|days?|hours?|minutes?) ago|"
    r"updated?(?: at| on)? .{0,30}\b(?:[ap]\.?m\.?|ET|EST|EDT|GMT|BST)\W*|"
    r"\[\W*\w*\W*\]|\[(?-i:[A-Z]+(?: [A-Z]+)*)\]|\[\w+ [^\]]*=[^\]]*\]|"
    r"\((?:soundbite|crosstalk|laughter|applause|music|inaudible)[^)]*\)|"
    r"this (?:story|article|post) (?:has been|was|will be) updated\b.*|"
    r"your browser does(?:n['’]t| not) support .*", r".*\bhidden ad unit",
    r"this (?:article|story|post) (?:is )?tagged under\b.*", r"\d{8,}",
    r"\(language in .* may be offensive to some readers\)",
)
_CAPTION = _any(
    r"\((?:AP|AFP|Reuters|Getty|EPA|UPI)\b[^)]{0,40}\bPhoto\b[^)]*\)", r"(?-i:\bAP Photo\b)",
    r"\bPhoto(?:graph|grapher)?(?: by| credit)?\s*:\s*\S",
    r"(?-i:/(?:AP|AFP|Reuters))(?:[)\]]|,? FILE\b|/File\b|$)", r"\((?:photo|image|credit)\b[^)]*\)",
    r"\bimage (?:copyright|caption)\b", r"\btoggle caption\b", r"\benlarge this image\b",
    r"^FILE\s*[-–—]", r"^in this\b.{0,50}\bphoto\b",
    r"\b(?:getty images|shutterstock(?:\.com)?|dreamstime|pixabay)\)?$",
    r"^slideshow \(\d+ images?\)$",
    r"^(?:map|graphic|illustration|photo(?:graph)?|image|chart)s?(?: of .{1,60})? "
    r"(?:by|via|courtesy of)\b",
)
_PHOTO_CREDIT = _any(  # "(Monica Jorge for ProPublica)", "Nicholas Kamm/AFP/Getty Images"
    r"\([A-Z][\w.'’ -]{2,40} for [A-Z][\w.'’ -]{1,30}\)",
    r"\[(?:File: )?[A-Z][\w.'’ -]{2,40}/ ?[A-Z][\w.'’ -]{1,30}\]\.?",
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}(?:/[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*)*)+\.?",
    flags=0,
)
_DATED = re.compile(  # a caption's date: "… addresses the nation (January 7, 2022)"
    r"\((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\)$"
)
_DASHES = "-–—•*·"
_SENTENCE_END = ".!;,…-–—"
_OPENING = "\"'“‘«"
_CLOSING = "\"'”’»)]* "
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")
_VERBS = frozenset({"VERB", "AUX"})


def _has_verb(sentences: Sequence[Sentence]) -> bool:
    return any(t.pos in _VERBS for s in sentences for t in s.tokens)


def _words(sentences: Sequence[Sentence]) -> int:
    return sum(any(c.isalnum() for c in t.text) for s in sentences for t in s.tokens)


def _states_quantity(text: str) -> bool:
    """Whether a line gives an amount ("Population: 943,092", "up 54%", "270-191"), not
    just a date or a small ordinal ("Sept. 30", "Myth 2")."""
    if any(c in "$€£%" for c in text):
        return True
    for number in _NUMBER.findall(text):
        if len(number) > 2 and not (number.isdigit() and 1900 <= int(number) <= 2099):
            return True
    return False


def _sentence_kind(sentence: Sentence) -> NonClaim | None:
    """The kind of a sentence that gives itself away by its own words."""
    text = sentence.text.strip()
    if not any(c.isalnum() for c in text):
        return NonClaim.SEPARATOR
    if _FURNITURE.fullmatch(text.rstrip(":.! ")):
        return NonClaim.FURNITURE
    if _CAPTION.search(text) or _PHOTO_CREDIT.fullmatch(text):
        return NonClaim.CAPTION
    if _PROMPT.search(text):
        return NonClaim.PROMPT
    if _CREDIT.search(text):
        return NonClaim.CREDIT
    return None


def _is_list_item(text: str, paragraph: Span) -> bool:
    """Whether a list marker (`•`, `-`, `1.`) stands before the paragraph on its line, or
    a dash or bullet opens it ("-- Personnel Specialist 1st Class …")."""
    line_start = text.rfind("\n", 0, paragraph.start) + 1
    before = text[line_start:paragraph.start].strip()
    opens = text[paragraph.start:paragraph.start + 1]
    return (bool(before) and not before.startswith("#")) or (bool(opens) and opens in _DASHES)


def _is_heading_like(body: str, sentences: Sequence[Sentence]) -> bool:
    """Whether a short unpunctuated line reads as a heading, not as a statement that lost
    its full stop: no verb, three words or fewer, a question, Title Case or CAPITALS, or
    a quotation standing alone (a pull quote)."""
    if not _has_verb(sentences) or _words(sentences) <= HEADLINE_WORDS:
        return True
    if body.endswith("?"):
        return body[0] not in _OPENING
    long_words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", body) if len(w) > 3]
    if long_words and all(w[0].isupper() for w in long_words):
        return True
    return body[0] in _OPENING and body[-1] in _CLOSING and not body.endswith(":")


def _is_subhead(text: str, paragraph: Span, sentences: Sequence[Sentence]) -> bool:
    """A short line without sentence punctuation that starts with a capital: a heading."""
    body = text[paragraph.start:paragraph.end].strip()
    bare = body.rstrip(_CLOSING)
    letters = [c for c in bare if c.isalpha()]
    if not bare or not letters or not letters[0].isupper() or bare[-1] in _SENTENCE_END:
        return False
    if bare[-1] == "?" and bare != body:  # “Which polls?”: a line of dialogue
        return False
    if any(s.text.rstrip(_CLOSING)[-1:] in (".", "!") for s in sentences[:-1]):
        return False
    if _words(sentences) > SUBHEAD_WORDS or _states_quantity(body):
        return False
    return not _is_list_item(text, paragraph) and _is_heading_like(body, sentences)


def _paragraph_kind(text: str, paragraph: Span, sentences: Sequence[Sentence],
                    kinds: Sequence[NonClaim | None]) -> NonClaim | None:
    """The kind of a whole paragraph that gives itself away by its shape."""
    body = text[paragraph.start:paragraph.end].strip()
    if (NonClaim.CAPTION in kinds or _DATED.search(body)) and _words(sentences) <= CAPTION_WORDS:
        return NonClaim.CAPTION
    if any(k is None for k in kinds) and _is_subhead(text, paragraph, sentences):
        if _BYLINE.match(body) and not _has_verb(sentences):
            return NonClaim.CREDIT
        return NonClaim.SUBHEAD
    return None


def nonclaim_kinds(text: str, paragraphs: Sequence[Span],
                   sentences: Sequence[Sentence]) -> tuple[NonClaim | None, ...]:
    """For each sentence, the kind of non-claim it is, or None where it may state a claim.

    `paragraphs` are the spans the sentences' `paragraph` indexes refer to, offsets into
    `text`.
    """
    kinds: list[NonClaim | None] = [_sentence_kind(s) for s in sentences]
    by_paragraph: dict[int, list[int]] = {}
    for position, sentence in enumerate(sentences):
        by_paragraph.setdefault(sentence.paragraph, []).append(position)
    last = max(by_paragraph, default=0)
    for number, positions in by_paragraph.items():
        members = [sentences[p] for p in positions]
        whole = _paragraph_kind(text, paragraphs[number], members, [kinds[p] for p in positions])
        if whole is not None:
            for p in positions:
                kinds[p] = kinds[p] if kinds[p] is NonClaim.SEPARATOR else whole
        elif last - number < BIO_PARAGRAPHS and kinds[positions[0]] is None \
                and _BIO.match(members[0].text):
            kinds[positions[0]] = NonClaim.CREDIT
    return tuple(kinds)
