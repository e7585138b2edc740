"""Word lists of the contradiction rules: antonymous predicates, negation and modal cues.

Antonym pairs are predicates whose two sides cannot both hold of the same subject and
object at the same time, picked from what same-story news reports disagree on (a venue
open or closed, a figure rising or falling, a vote won or lost, a bill approved or
rejected, a report confirmed or denied, a verdict of guilty or innocent, a person alive
or dead, an official resigning or staying). A term is a spaCy lemma, optionally with the
one coarse part of speech it must have ("close:VERB": "closed the airport", not "close to
20"). A lemma may sit in several pairs ("decline" is a fall and a refusal); a pair fires
only when the two sentences otherwise say much the same (see `contradiction_rules`).

Deliberately left out, because same-story articles use them for compatible events:
arrest/release, begin/end, hold/free (both happen in sequence), defeat (its subject is
the winner, so "X defeated Y" and "Y lost" agree), remain (in "remained closed" it
carries no polarity of its own; the adjective does).
"""

from __future__ import annotations

# (name, one side, the other side)
ANTONYMS: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    ("open/closed", frozenset({"open", "reopen", "unlock"}),
     frozenset({"closed", "close:VERB", "shut", "shutter", "lock"})),
    ("rise/fall", frozenset({"rise", "increase", "grow", "climb", "jump", "surge", "soar"}),
     frozenset({"fall", "decrease", "drop", "decline", "shrink", "plunge", "slump", "sink",
                "tumble"})),
    ("win/lose", frozenset({"win"}), frozenset({"lose"})),
    ("lead/trail", frozenset({"lead:VERB"}), frozenset({"trail:VERB"})),
    ("approve/reject", frozenset({"approve", "pass:VERB", "ratify", "adopt", "sign:VERB",
                                  "uphold"}),
     frozenset({"reject", "veto", "block", "overturn", "strike:VERB"})),
    ("confirm/deny", frozenset({"confirm", "admit", "acknowledge"}), frozenset({"deny"})),
    ("accept/refuse", frozenset({"accept", "agree"}),
     frozenset({"refuse", "decline", "reject", "rebuff"})),
    ("guilty/innocent", frozenset({"guilty", "convict", "convicted"}),
     frozenset({"innocent", "acquit", "acquitted", "exonerate"})),
    ("alive/dead", frozenset({"alive", "survive", "living:ADJ"}),
     frozenset({"dead", "die", "deceased"})),
    ("arrive/leave", frozenset({"arrive", "enter"}), frozenset({"leave", "depart", "exit"})),
    ("resign/stay", frozenset({"resign", "quit", "retire"}), frozenset({"stay"})),
    ("support/oppose", frozenset({"support", "favor", "favour", "endorse", "back:VERB"}),
     frozenset({"oppose"})),
    ("allow/ban", frozenset({"allow", "permit", "legalize", "legalise", "authorize",
                             "authorise"}),
     frozenset({"ban", "prohibit", "forbid", "outlaw", "bar:VERB"})),
    ("impose/lift", frozenset({"impose"}), frozenset({"lift", "scrap", "rescind", "revoke"})),
    ("continue/stop", frozenset({"continue", "resume"}),
     frozenset({"stop", "halt", "cease", "suspend", "end:VERB"})),
    ("succeed/fail", frozenset({"succeed"}), frozenset({"fail"})),
    ("legal/illegal", frozenset({"legal", "lawful", "constitutional"}),
     frozenset({"illegal", "unlawful", "unconstitutional"})),
    ("true/false", frozenset({"true", "accurate"}), frozenset({"false", "untrue", "inaccurate"})),
    ("present/absent", frozenset({"present:ADJ", "attend"}),
     frozenset({"absent", "skip", "boycott"})),
)

ANTONYM_TERMS = frozenset(
    term.split(":")[0] for _, first, second in ANTONYMS for term in first | second)

# Words after which a predicate is not asserted: "announces whether he will seek…",
# "many have speculated that the White House offered…", "the idea that he served…".
HEDGES = frozenset({"whether", "if", "unless"})
ATTITUDES = frozenset({"speculate", "speculation", "idea", "rumor", "rumour", "allegation",
                       "allege", "suggest", "suggestion", "hope", "fear", "expect",
                       "expectation", "possibility", "promise", "belief", "believe",
                       "predict", "prediction"})
# As nouns only: "Biden's claim that advisers didn't recommend…" (the verb "claim" reports).
ATTITUDE_NOUNS = frozenset({"claim", "assertion", "theory", "notion"})

# Counted nouns that name the same thing in news reports, beyond `quantity_words.SYNONYMS`:
# "19 separate actions" / "23 steps" / "two dozen executive measures".
COUNTED_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"action", "step", "measure"}),
    frozenset({"vote", "ballot"}),
)

# Words that negate the predicate they precede (spaCy's `is_negation` also flags "deny",
# "refuse" and "without", which are predicates or prepositions of their own here).
NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "cannot"})
# "failed to reopen", "refused to accept": the verb before "to" negates the one after.
NEGATING_VERBS = frozenset({"fail", "refuse", "decline"})
# "voted to approve", "managed to reopen": the verb after "to" is asserted; after any
# other verb ("wants to run", "compel Mexico to pay") it is not.
IMPLICATIVE_VERBS = frozenset({"vote", "decide", "choose", "opt", "manage", "move"})

# Modal auxiliaries by how sure they make the predicate they govern.
CERTAIN = frozenset({"will", "shall", "must"})
POSSIBLE = frozenset({"may", "might", "could"})

# Verbs of saying: a sentence's claim is what follows them, so they are never the shared
# predicate and do not count towards two sentences' overlap.
REPORTING = frozenset({"say", "tell", "report", "add", "note", "state", "write", "according",
                       "explain", "ask", "quote", "announce", "claim", "insist", "argue"})
# Verbs too light to carry a claim of their own.
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make", "go", "take", "come", "give"})

# Words that end a clause when looking for a predicate's subject or object.
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")", "that", "which", "who",
                           "whom", "while", "but", "because", "although", "though",
                           "after", "before", "when", "if", "as", "and", "or"})
