"""Near-duplicates: wire copies and light rewrites linked to their original, others not."""

from __future__ import annotations

from helpers.corpus import rewrite, story_text
from sqlalchemy import func, select

from parallax.corpus import DedupeParams, ingest_articles, rebuild
from parallax.corpus.dedupe.minhash import DEFAULT_PARAMS
from parallax.corpus.store.session import Store
from parallax.corpus.store.tables import NearDuplicateRow, SignatureBandRow, SignatureRow
from parallax.ingest import load_text
from parallax.types import Article


def wire(
    text: str, *, source: str, published: str | None = "2024-05-01", title: str = "Storm"
) -> Article:
    return load_text(
        text,
        source=source,
        title=title,
        url=f"https://{source.lower()}.example/storm",
        published=published,
    )


def links(store: Store) -> dict[str, tuple[str, float]]:
    with store.session() as session:
        rows = session.scalars(select(NearDuplicateRow)).all()
    return {row.article_id: (row.original_id, row.jaccard) for row in rows}


def test_a_wire_copy_and_a_light_rewrite_link_to_the_earliest_published(store: Store) -> None:
    body = story_text(7, 300)
    original = wire(body, source="Wire", published="2024-05-01T08:00:00Z")
    copy = wire(body + " Reporting by the Wire.", source="Daily", published="2024-05-01T10:00")
    edited = wire(rewrite(body, every=60), source="Herald", published="2024-05-02")
    other = wire(story_text(8, 300), source="Post")  # same topic words, another article
    stats = ingest_articles(store, [copy, other, original, edited], batch_size=2)
    found = links(store)
    assert stats.near_duplicates == 2
    assert set(found) == {copy.id, edited.id}
    assert found[copy.id][0] == original.id and found[copy.id][1] > 0.9
    assert found[edited.id][0] == original.id and 0.7 <= found[edited.id][1] < 0.95


def test_an_undated_copy_links_to_the_first_ingested(store: Store) -> None:
    body = story_text(3, 200)
    first = wire(body, source="Alpha", published=None)
    second = wire(body, source="Beta", published=None)
    ingest_articles(store, [first])
    ingest_articles(store, [second])
    assert links(store) == {second.id: (first.id, 1.0)}


def test_a_heavy_rewrite_and_a_shared_quote_are_not_near_duplicates(store: Store) -> None:
    body = story_text(11, 300)
    quote = " ".join(body.split()[:40])
    heavy = wire(rewrite(body, every=10), source="Rewrite")
    quoting = wire(quote + " " + story_text(12, 260), source="Quoting")
    ingest_articles(store, [wire(body, source="Wire"), heavy, quoting])
    assert links(store) == {}


def test_a_new_batch_is_checked_against_the_stored_index(store_url: str) -> None:
    from parallax.corpus import open_store

    body = story_text(21, 250)
    with open_store(store_url) as first:
        ingest_articles(first, [wire(body, source="Wire", published="2024-05-01")])
        ingest_articles(first, [wire(story_text(n), source=f"S{n}") for n in range(30, 40)])
    with open_store(store_url) as later:  # a new process: only the store is shared
        copy = wire(body + " Via Wire.", source="Copy", published="2024-05-03")
        stats = ingest_articles(later, [copy])
        assert stats.near_duplicates == 1
        assert copy.id in links(later)
        with later.session() as session:
            signatures = session.scalar(select(func.count()).select_from(SignatureRow))
            bands = session.scalar(select(func.count()).select_from(SignatureBandRow))
        assert signatures == 12
        assert bands == 12 * DEFAULT_PARAMS.bands


def test_an_earlier_published_original_ingested_later_takes_over(store: Store) -> None:
    body = story_text(31, 250)
    late_copy = wire(body + " Via Wire.", source="Late", published="2024-05-03")
    mid_copy = wire(body + " From the Wire.", source="Mid", published="2024-05-02")
    original = wire(body, source="Wire", published="2024-05-01")
    ingest_articles(store, [late_copy])
    ingest_articles(store, [mid_copy])
    assert {k: v[0] for k, v in links(store).items()} == {late_copy.id: mid_copy.id}
    stats = ingest_articles(store, [original])
    assert stats.near_duplicates == 1  # the mid copy gained a link; the late one was re-linked
    assert {k: v[0] for k, v in links(store).items()} == {
        late_copy.id: original.id,
        mid_copy.id: original.id,
    }


def test_rebuild_gives_the_links_an_incremental_ingest_gave(store: Store) -> None:
    body_a, body_b = story_text(41, 250), story_text(42, 250)
    articles = [
        wire(body_a + " Extra line.", source="A2", published="2024-05-02"),
        wire(body_b, source="B1", published="2024-05-01"),
        wire(body_a, source="A1", published="2024-05-01"),
        wire(rewrite(body_b, every=80), source="B2", published="2024-05-03"),
        wire(story_text(43, 250), source="C1"),
    ]
    for item in articles:
        ingest_articles(store, [item])
    incremental = {k: v[0] for k, v in links(store).items()}
    assert rebuild(store) == 2
    assert {k: v[0] for k, v in links(store).items()} == incremental
    # Stricter parameters, signatures recomputed from the stored text: only the copy stays.
    assert rebuild(store, DedupeParams(threshold=0.95, seed=7)) == 1
    assert set(links(store)) == {articles[0].id}
