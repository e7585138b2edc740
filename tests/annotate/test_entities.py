"""Entity labels made consistent across the compared articles (hand-made entities, no model)."""

from __future__ import annotations

from pathlib import Path

from parallax.annotate.entities import harmonise_entity_labels, name_key
from parallax.types import AnnotatedArticle, Article, Entity


def _annotated(article_id: str, *mentions: tuple[str, str]) -> AnnotatedArticle:
    """An article whose text is its mentions joined by ' / ', one entity per mention."""
    text = " / ".join(name for name, _ in mentions)
    entities = []
    offset = 0
    for sentence, (name, label) in enumerate(mentions):
        entities.append(Entity(offset, offset + len(name), name, label, sentence))
        offset += len(name) + 3
    article = Article(id=article_id, text=text, source=article_id)
    return AnnotatedArticle(article, "en", (), tuple(entities))


def _labels(articles: list[AnnotatedArticle]) -> list[list[tuple[str, str]]]:
    return [[(e.text, e.label) for e in a.entities] for a in articles]


def test_majority_label_wins_across_articles() -> None:
    first = _annotated("a", ("Olaf Scholz", "ORG"), ("Berlin", "GPE"))
    second = _annotated("b", ("Olaf Scholz", "PERSON"), ("Olaf Scholz", "PERSON"))
    assert _labels(harmonise_entity_labels([first, second])) == [
        [("Olaf Scholz", "PERSON"), ("Berlin", "GPE")],
        [("Olaf Scholz", "PERSON"), ("Olaf Scholz", "PERSON")],
    ]


def test_everything_but_the_label_is_kept() -> None:
    first = _annotated("a", ("Olaf Scholz", "ORG"), ("Berlin", "GPE"))
    second = _annotated("b", ("Olaf Scholz", "PERSON"), ("Olaf Scholz", "PERSON"))
    result = harmonise_entity_labels([first, second])
    assert [a.id for a in result] == ["a", "b"]
    for before, after in zip([first, second], result, strict=True):
        assert after.article is before.article
        assert after.sentences == before.sentences
        assert [(e.start, e.end, e.text, e.sentence) for e in after.entities] == [
            (e.start, e.end, e.text, e.sentence) for e in before.entities
        ]


def test_full_name_takes_the_label_of_its_surname_used_alone() -> None:
    first = _annotated("a", ("Kassym-Jomart Tokayev", "ORG"), ("Tokayev", "PERSON"))
    second = _annotated("b", ("Tokayev", "PERSON"))
    assert _labels(harmonise_entity_labels([first, second])) == [
        [("Kassym-Jomart Tokayev", "PERSON"), ("Tokayev", "PERSON")],
        [("Tokayev", "PERSON")],
    ]


def test_a_name_after_an_honorific_is_a_person_however_it_was_tagged() -> None:
    text = "Mr. Grimm spoke. Rep. Michael Grimm left. Grimm said no. Apple Inc. agreed."
    entities = tuple(
        Entity(text.index(name), text.index(name) + len(name), name, "ORG", 0)
        for name in ("Grimm", "Michael Grimm", "Apple Inc."))
    article = AnnotatedArticle(Article(id="a", text=text, source="a"), "en", (), entities)
    [result] = harmonise_entity_labels([article])
    assert [(e.text, e.label) for e in result.entities] == [
        ("Grimm", "PERSON"), ("Michael Grimm", "PERSON"), ("Apple Inc.", "ORG")]


def test_a_tie_keeps_each_mention_s_own_label() -> None:
    first = _annotated("a", ("Almaty", "GPE"))
    second = _annotated("b", ("Almaty", "ORG"))
    assert _labels(harmonise_entity_labels([first, second])) == [
        [("Almaty", "GPE")],
        [("Almaty", "ORG")],
    ]


def test_non_name_labels_are_left_alone_and_do_not_vote() -> None:
    first = _annotated("a", ("January", "DATE"), ("Almaty", "GPE"))
    second = _annotated(
        "b", ("Almaty", "DATE"), ("Almaty", "DATE"), ("20,000", "CARDINAL"), ("January", "ORG")
    )
    # Two DATE "Almaty" would outvote the GPE one if non-name labels voted.
    assert _labels(harmonise_entity_labels([first, second])) == [
        [("January", "DATE"), ("Almaty", "GPE")],
        [("Almaty", "DATE"), ("Almaty", "DATE"), ("20,000", "CARDINAL"), ("January", "ORG")],
    ]


def test_leading_the_possessive_case_and_spacing_are_one_name() -> None:
    article = _annotated(
        "a",
        ("the Kremlin", "ORG"),
        ("Kremlin's", "ORG"),
        ("KREMLIN", "GPE"),
        ("The  Kremlin’s", "ORG"),
    )
    (result,) = harmonise_entity_labels([article])
    assert [e.label for e in result.entities] == ["ORG", "ORG", "ORG", "ORG"]


def test_name_key() -> None:
    assert name_key("The  Kremlin’s") == "kremlin"
    assert name_key("Tokayev's") == "tokayev"
    assert name_key("Kassym-Jomart\nTokayev") == "kassym-jomart tokayev"
    # only a leading article is dropped
    assert name_key("Hague Conference of the Netherlands") == (
        "hague conference of the netherlands"
    )


def test_no_articles_no_entities() -> None:
    assert harmonise_entity_labels([]) == []
    (result,) = harmonise_entity_labels([_annotated("a")])
    assert result.entities == ()


def _with_sentence(article_id: str, text: str, *mentions: tuple[str, str]) -> AnnotatedArticle:
    """One-sentence article whose tagged entities are the given (name, label) mentions."""
    from parallax.types import Sentence

    entities = tuple(
        Entity(text.index(name), text.index(name) + len(name), name, label, 0)
        for name, label in mentions
    )
    article = Article(id=article_id, text=text, source=article_id)
    return AnnotatedArticle(article, "en", (Sentence(0, 0, len(text), text, 0),), entities)


def test_a_name_tagged_in_one_article_is_found_untagged_in_another() -> None:
    from parallax.annotate.entities import recover_missed_mentions

    tagged = _with_sentence("a", "Peacekeepers of the CSTO arrived.", ("CSTO", "ORG"))
    missed = _with_sentence("b", "The CSTO contingent left; CSTOs are rare.")
    _, recovered = recover_missed_mentions([tagged, missed])
    assert [(e.text, e.label, e.start) for e in recovered.entities] == [("CSTO", "ORG", 4)]


def test_recovery_keeps_existing_mentions_and_strips_possessives() -> None:
    from parallax.annotate.entities import recover_missed_mentions

    tagged = _with_sentence("a", "Almaty’s mayor spoke.", ("Almaty’s", "GPE"))
    other = _with_sentence("b", "In Almaty and Aktobe, calm.", ("Aktobe", "GPE"))
    _, result = recover_missed_mentions([tagged, other])
    assert [e.text for e in result.entities] == ["Almaty", "Aktobe"]


def _sentences(article_id: str, text: str, *mentions: tuple[str, str]) -> AnnotatedArticle:
    """An article of sentences ending in '. ', tokens split at spaces, with the tagged
    (name, label) mentions."""
    from parallax.types import Sentence, Token

    sentences, start = [], 0
    for index, part in enumerate(text.split(". ")):
        tokens, offset = [], start
        for word in part.split(" "):
            tokens.append(Token(offset, offset + len(word), word, word.lower(), "X",
                                False, False, False))
            offset += len(word) + 1
        sentences.append(Sentence(index, start, start + len(part), part, 0, tuple(tokens)))
        start += len(part) + 2
    entities = tuple(Entity(text.index(name), text.index(name) + len(name), name, label,
                            text[:text.index(name)].count(". "))
                     for name, label in mentions)
    article = Article(id=article_id, text=text, source=article_id)
    return AnnotatedArticle(article, "en", tuple(sentences), entities)


def test_a_common_word_opening_a_sentence_is_no_person_or_organisation() -> None:
    from parallax.annotate.entities import drop_capitalised_common_words

    article = _sentences("a", "Compromise was reached. Police will close it. Pelosi spoke. "
                         "Ryan left. Trump left. We met Trump", ("Compromise", "PERSON"),
                         ("Police", "ORG"), ("Pelosi", "PERSON"), ("Ryan", "PERSON"),
                         ("Trump", "PERSON"))
    (result,) = drop_capitalised_common_words([article])
    # "Pelosi" is a rare word, "Ryan" a given name, "Trump" is capitalised mid-sentence.
    assert [e.text for e in result.entities] == ["Pelosi", "Ryan", "Trump"]


def test_a_word_the_articles_write_in_lower_case_is_common_however_rare() -> None:
    from parallax.annotate.entities import drop_capitalised_common_words

    tagged = _sentences("a", "Seawalls failed", ("Seawalls", "ORG"))
    other = _sentences("b", "The seawalls failed")
    first, _ = drop_capitalised_common_words([tagged, other])
    assert first.entities == ()


def test_seed_pair_loses_only_its_capitalised_common_word(seed_dir: Path) -> None:
    import parallax
    from parallax.annotate import annotate
    from parallax.annotate.entities import NAME_LABELS
    from parallax.annotate.pipeline import annotate_articles

    articles = [parallax.load(p) for p in sorted(seed_dir.glob("*.txt"))[:2]]
    before = {e.text for a in annotate_articles(articles) for e in a.entities
              if e.label in NAME_LABELS}
    after = {e.text for a in annotate(articles) for e in a.entities if e.label in NAME_LABELS}
    assert "Compromise" in before
    assert before - after == {"Compromise"}
