"""Outlets: the user's table of news outlets, and which outlet published an article.

    from parallax.corpus.outlets import read_outlets, load_outlets, OutletMatcher

    table = read_outlets(Path("outlets.csv"))      # problems listed, one per bad row
    with open_store() as store:
        load_outlets(store, table.specs)           # the stored table becomes the file's
        matcher = OutletMatcher.from_store(store)
        matcher.match("New York Times - News", None)  # → the "New York Times" outlet

An article belongs to the outlet whose name or alias equals its source name (ignoring
case and spacing), else to the outlet owning the domain of its URL or a parent domain of
it (`www.nytimes.com` and `edition.nytimes.com` → `nytimes.com`). URLs are only parsed,
never fetched. Leanings are free text on the user's own scale (left/center/right, or any
other); the matching of leanings is exact after the same normalisation as names.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from parallax.corpus.store.session import ArticleRow, OutletNameRow, OutletRow, Store, utcnow
from parallax.errors import OutletsError

__all__ = [
    "COLUMNS",
    "LoadStats",
    "Outlet",
    "OutletCount",
    "OutletFile",
    "OutletMatcher",
    "OutletSpec",
    "OutletsError",
    "count_articles",
    "load_outlets",
    "name_key",
    "read_outlets",
    "stored_outlets",
    "url_domain",
]

COLUMNS = ("name", "domains", "country", "language", "leaning", "aliases")
_MAX_KEY = 200  # the width of outlets.key and outlet_names.value


def name_key(text: str) -> str:
    """A name as matched: case-folded, runs of spaces made one."""
    return " ".join(text.casefold().split())


def url_domain(url: str | None) -> str | None:
    """The host of an http(s) URL or a bare domain, lower case, without `www.`; else None."""
    if not url or not url.strip():
        return None
    text = url.strip()
    if "//" not in text:
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme not in ("", "http", "https") or not host or "." not in host:
        return None
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") else host


@dataclass(frozen=True, slots=True)
class OutletSpec:
    """One outlet as the user's file gives it."""

    name: str
    domains: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    leaning: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OutletFile:
    """What an outlets file holds: the good rows, and one line per bad row."""

    specs: tuple[OutletSpec, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outlet:
    """A stored outlet."""

    id: int
    name: str
    country: str | None
    language: str | None
    leaning: str | None
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutletCount:
    """An outlet and the number of stored articles it published."""

    outlet: Outlet
    articles: int

    def to_dict(self) -> dict[str, Any]:
        """The outlet as in `parallax outlets --json`."""
        o = self.outlet
        return {
            "name": o.name, "country": o.country, "language": o.language,
            "leaning": o.leaning, "aliases": list(o.aliases), "domains": list(o.domains),
            "articles": self.articles,
        }  # fmt: skip


@dataclass(frozen=True, slots=True)
class LoadStats:
    """What loading a table changed in the store."""

    added: int
    updated: int
    unchanged: int
    removed: int

    def summary(self) -> str:
        """The closing line of `parallax outlets load`."""
        return (
            f"{self.added} outlets added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.removed} removed"
        )


def _split_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).split(";")
    return tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))


def _optional(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _spec(record: Mapping[str, Any]) -> tuple[OutletSpec | None, str | None]:
    """The row as a spec, or the reason it is refused."""
    unknown = sorted(str(k) for k in record if k is not None and str(k) not in COLUMNS)
    if unknown:
        return None, f"unknown column(s) {', '.join(unknown)}; the columns are {', '.join(COLUMNS)}"
    if None in record:
        return None, "more fields than the header names"
    name = _optional(record.get("name"))
    if name is None:
        return None, "no name"
    domains: list[str] = []
    for given in _split_list(record.get("domains")):
        domain = url_domain(given)
        if domain is None:
            return None, f"{given!r} is not a domain (e.g. nytimes.com)"
        domains.append(domain)
    spec = OutletSpec(
        name=name, domains=tuple(dict.fromkeys(domains)),
        country=_optional(record.get("country")), language=_optional(record.get("language")),
        leaning=_optional(record.get("leaning")), aliases=_split_list(record.get("aliases")),
    )  # fmt: skip
    too_long = [n for n in (spec.name, *spec.aliases, *spec.domains) if len(name_key(n)) > _MAX_KEY]
    if too_long:
        return None, f"name, alias or domain longer than {_MAX_KEY} characters"
    return spec, None


def _csv_records(path: Path) -> Iterator[tuple[int, Mapping[str, Any]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = [f.strip() for f in reader.fieldnames or []]
        if "name" not in fields:
            raise OutletsError(f"{path}: no 'name' column in the header; the columns are "
                               f"{', '.join(COLUMNS)}")  # fmt: skip
        unknown = [f for f in fields if f not in COLUMNS]
        if unknown:
            raise OutletsError(f"{path}:1: unknown column(s) {', '.join(unknown)}; the columns "
                               f"are {', '.join(COLUMNS)}")  # fmt: skip
        reader.fieldnames = fields
        for record in reader:
            yield reader.line_num, record


def _yaml_records(path: Path) -> Iterator[tuple[int, Mapping[str, Any]]]:
    import yaml

    text = path.read_text(encoding="utf-8")
    try:
        # compose() for the line of each outlet, safe_load() for its values.
        document, values = yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise OutletsError(f"{path}{where}: not YAML ({getattr(err, 'problem', err)})") from None
    if values is None:
        return
    if not isinstance(document, yaml.SequenceNode) or not isinstance(values, list):
        raise OutletsError(f"{path}: expected a list of outlets (- name: ...)")
    for node, value in zip(document.value, values, strict=True):
        record = value if isinstance(value, dict) else {"name": None}
        yield node.start_mark.line + 1, record


def read_outlets(path: Path) -> OutletFile:
    """The outlets of a CSV or YAML file (by suffix); `OutletsError` when unreadable."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise OutletsError(f"{path}: an outlets table is a .csv, .yaml or .yml file")
    records = _csv_records if suffix == ".csv" else _yaml_records
    specs: list[OutletSpec] = []
    problems: list[str] = []
    owners: dict[tuple[str, str], str] = {}
    try:
        for line, record in records(path):
            spec, problem = _spec(record)
            if spec is not None:
                problem = _claim_names(spec, owners)
            if problem is not None or spec is None:
                problems.append(f"{path}:{line}: {problem}")
                continue
            specs.append(spec)
    except FileNotFoundError:
        raise OutletsError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise OutletsError(f"{path}: cannot read it ({err})") from None
    return OutletFile(tuple(specs), tuple(problems))


def _names(spec: OutletSpec) -> dict[tuple[str, str], str]:
    """(kind, matched value) → the name as written, for the spec's name, aliases, domains."""
    names = {("alias", name_key(name)): name for name in (spec.name, *spec.aliases)}
    for domain in spec.domains:
        names.setdefault(("domain", url_domain(domain) or domain.casefold()), domain)
    return names


def _claim_names(spec: OutletSpec, owners: dict[tuple[str, str], str]) -> str | None:
    """Record the spec's names as taken; why not, when an earlier row took one of them."""
    mine = set(_names(spec))  # the matched forms
    for name in mine:
        owner = owners.get(name)
        if owner is not None:
            what = "domain" if name[0] == "domain" else "name or alias"
            return f"{what} {name[1]!r} already belongs to {owner!r}"
    owners.update(dict.fromkeys(mine, spec.name))
    return None


def load_outlets(store: Store, specs: Sequence[OutletSpec]) -> LoadStats:
    """Make the stored outlet table exactly `specs` (one transaction); reloading the same
    table changes nothing. Outlets are matched to stored ones by name, case-insensitively."""
    added = updated = unchanged = 0
    with store.write() as session:
        stored = {row.key: row for row in session.scalars(select(OutletRow))}
        old_names: dict[int, dict[tuple[str, str], str]] = {}
        for kind, value, label, outlet_id in session.execute(
            select(OutletNameRow.kind, OutletNameRow.value, OutletNameRow.label,
                   OutletNameRow.outlet_id)
        ):  # fmt: skip
            old_names.setdefault(outlet_id, {})[(kind, value)] = label
        wanted = {name_key(spec.name): spec for spec in specs}
        removed = [row for key, row in stored.items() if key not in wanted]
        for row in removed:
            session.delete(row)
        # Names move between outlets on a reload: all are rewritten once the rows exist.
        session.execute(delete(OutletNameRow))
        now = utcnow()
        for key, spec in wanted.items():
            fields = (spec.name, spec.country, spec.language, spec.leaning)
            found = stored.get(key)
            if found is None:
                row = OutletRow(key=key, updated_at=now)
                session.add(row)
                added += 1
            else:
                row = found
                if (row.name, row.country, row.language, row.leaning) == fields and old_names.get(
                    row.id, {}
                ) == _names(spec):
                    unchanged += 1
                else:
                    row.updated_at = now
                    updated += 1
            row.name, row.country, row.language, row.leaning = fields
        session.flush()
        session.add_all(
            OutletNameRow(kind=kind, value=value, label=label, outlet_id=stored_or_new.id)
            for stored_or_new, spec in _rows_and_specs(session, wanted)
            for (kind, value), label in _names(spec).items()
        )
    return LoadStats(added, updated, unchanged, len(removed))


def _rows_and_specs(
    session: Session, wanted: Mapping[str, OutletSpec]
) -> Iterator[tuple[OutletRow, OutletSpec]]:
    for row in session.scalars(select(OutletRow)):
        yield row, wanted[row.key]


def stored_outlets(store: Store) -> list[Outlet]:
    """The stored outlets, by name."""
    with store.session() as session:
        rows = list(session.scalars(select(OutletRow).order_by(OutletRow.key)))
        outlet_keys = {row.id: row.key for row in rows}
        names: dict[int, dict[str, list[str]]] = {}
        query = select(OutletNameRow).order_by(OutletNameRow.value)
        for name in session.scalars(query):
            if name.kind == "domain":
                names.setdefault(name.outlet_id, {}).setdefault("domain", []).append(name.value)
            elif name.value != outlet_keys.get(name.outlet_id):  # the name itself is no alias
                names.setdefault(name.outlet_id, {}).setdefault("alias", []).append(name.label)
    return [
        Outlet(
            row.id, row.name, row.country, row.language, row.leaning,
            tuple(names.get(row.id, {}).get("alias", [])),
            tuple(names.get(row.id, {}).get("domain", [])),
        )
        for row in rows
    ]  # fmt: skip


class OutletMatcher:
    """Which stored outlet an article's source name or URL names."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.outlets = tuple(outlets)
        self._by_name: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for outlet in self.outlets:
            for alias in (outlet.name, *outlet.aliases):
                self._by_name[name_key(alias)] = outlet
            for domain in outlet.domains:
                self._by_domain[domain] = outlet

    @classmethod
    def from_store(cls, store: Store) -> OutletMatcher:
        """A matcher over the store's outlet table."""
        return cls(stored_outlets(store))

    def match(self, source: str | None, url: str | None) -> Outlet | None:
        """The outlet of an article: by source name or alias, else by URL domain."""
        if source:
            found = self._by_name.get(name_key(source))
            if found is not None:
                return found
        domain = url_domain(url)
        while domain is not None and "." in domain:
            found = self._by_domain.get(domain)
            if found is not None:
                return found
            domain = domain.split(".", 1)[1]
        return None


def count_articles(store: Store, matcher: OutletMatcher | None = None) -> list[OutletCount]:
    """Every stored outlet with the number of stored articles it published, by name."""
    matcher = matcher or OutletMatcher.from_store(store)
    counts: dict[int, int] = dict.fromkeys((o.id for o in matcher.outlets), 0)
    with store.session() as session:
        rows = session.execute(select(ArticleRow.source, ArticleRow.url)).yield_per(5000)
        for source, url in rows:
            outlet = matcher.match(source, url)
            if outlet is not None:
                counts[outlet.id] += 1
    return [OutletCount(o, counts[o.id]) for o in matcher.outlets]
