"""Writing and verifying the audit chain."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, cast

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from houbei.accounts.types import Actor, acting_user
from houbei.audit.context import current
from houbei.audit.models import AuditEntry, BatchItem

GENESIS = "0" * 64


def chain_key() -> bytes:
    """The key of the chain's links, kept outside the database (AUDIT_HMAC_KEY, or derived
    from SECRET_KEY): whoever can write the table but lacks it cannot re-chain edited,
    inserted or deleted entries (docs/security.md §2, item 18)."""
    configured = getattr(settings, "AUDIT_HMAC_KEY", "")
    return (configured or f"houbei:audit-chain:{settings.SECRET_KEY}").encode()


def link(text: str, key: bytes | None = None) -> str:
    """HMAC-SHA256 of an entry's canonical text: its hash in the chain."""
    return hmac.digest(key or chain_key(), text.encode(), "sha256").hex()


def _entry_digest(entry: AuditEntry) -> str:
    payload = {
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "username": entry.actor_username,
        "role": entry.actor_role,
        "ip": entry.ip,
        "action": entry.action,
        "target": [entry.target_type, entry.target_id, entry.target_repr],
        "region": entry.region_id,
        "changes": entry.changes,
        "outcome": entry.outcome,
        "prev": entry.prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return link(canonical)


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(4242001)")


def _target_region_id(target: Any, region: Any) -> int | None:
    if region is not None:
        return int(region.pk)
    if target is None:
        return None
    if hasattr(target, "audit_region_id"):
        value = target.audit_region_id()
        return int(value) if value is not None else None
    return None


def _jsonable(changes: dict[str, Any] | None) -> dict[str, Any]:
    return json.loads(json.dumps(changes or {}, ensure_ascii=False, default=str))  # type: ignore[no-any-return]


@transaction.atomic
def record(
    actor: Actor | None,
    action: str,
    target: Any = None,
    changes: dict[str, Any] | None = None,
    *,
    outcome: str = "ok",
    region: Any = None,
) -> AuditEntry:
    _lock_chain()
    context = current.get()
    entry = AuditEntry(
        at=timezone.now(),
        actor=acting_user(actor),
        actor_username=getattr(actor, "username", "") or "",
        actor_role=getattr(actor, "role", "") or "",
        ip=context.ip if context else None,
        action=action,
        target_type=target._meta.label_lower if isinstance(target, Model) else "",
        target_id=str(target.pk) if isinstance(target, Model) else "",
        target_repr=str(target)[:200] if target is not None else "",
        region_id=_target_region_id(target, region),
        changes=_jsonable(changes),
        outcome=outcome,
    )
    last_id, last_hash = _last()
    entry.pk = last_id + 1  # under the chain lock: ids run without gaps (verify checks them)
    entry.prev_hash = last_hash
    entry.hash = _entry_digest(entry)
    entry.save()
    return entry


def record_read(
    actor: Actor | None, action: str, target: Any, *, people: Iterable[int], region: Any = None
) -> AuditEntry:
    """One page view of personal data: the page's object, and the ids of the people whose
    records it showed (never their names' details, birth dates or ID numbers), so the auditor
    can ask whose records an account read and who read a person's (docs/security.md §2)."""
    return record(actor, action, target, {"people": people_ids(people)}, region=region)


def people_ids(people: Iterable[int]) -> list[int]:
    """The person ids an entry names, sorted and without repeats."""
    return sorted({int(pk) for pk in people})


def _last() -> tuple[int, str]:
    """The id and hash of the newest entry ((0, GENESIS) for an empty log)."""
    last = AuditEntry.objects.order_by("-id").values_list("id", "hash").first()
    return (int(last[0]), str(last[1])) if last else (0, GENESIS)


def _plain(value: Any) -> Any:
    """What _jsonable makes of a value (non-JSON types as str), without a JSON round trip."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def canonical(changes: dict[str, Any]) -> str:
    """The changes as the chain hashes them (and as `append_serialised` stores them)."""
    return json.dumps(_plain(changes), sort_keys=True, ensure_ascii=False)


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\\"]')


def json_string(text: str) -> str:
    """json.dumps(text, ensure_ascii=False), without its cost for text that needs no escape."""
    if text and _NEEDS_ESCAPE.search(text):
        return json.dumps(text, ensure_ascii=False)
    return f'"{text}"'


# (action, target type, target id, target repr, region id, changes as `canonical` gives them)
Serialised = tuple[str, str, str, str, int | None, str]


@transaction.atomic
def record_many(
    actor: Actor | None,
    items: Iterable[tuple[str, Model, dict[str, Any]]],
    *,
    outcome: str = "ok",
    batch_size: int = 1000,
) -> int:
    """Many chained entries in one bulk insert (imports): (action, target, changes) each.

    The caller passes one batch at a time; the entries take ids, and so their chain order,
    in the order given. (`batch_size` is no longer needed: the rows go in one statement.)"""
    serialised = [
        (
            action,
            target._meta.label_lower,
            str(target.pk),
            str(target)[:200],
            _target_region_id(target, None),
            canonical(changes),
        )
        for action, target, changes in items
    ]
    return append_serialised(actor, serialised, outcome=outcome)


@transaction.atomic
def append_serialised(
    actor: Actor | None, items: Iterable[Serialised], *, outcome: str = "ok"
) -> int:
    """Chained entries whose changes the caller has serialised (imports, where building the
    entries dominates): the same entries `record_many` writes, hashed the same way."""
    _lock_chain()
    chain = _Chain(actor, outcome)
    table = AuditEntry._meta.db_table
    return insert_rows(table, _ENTRY_COLUMNS, map(chain.row, items), loose=_LOOSE_COLUMNS)


class _Chain:
    """Builds entries' rows and hashes for one actor and moment, continuing the chain. The
    hashed text is the one `_entry_digest` builds; only its varying parts are formatted."""

    def __init__(self, actor: Actor | None, outcome: str) -> None:
        context = current.get()
        user = acting_user(actor)
        self.at = timezone.now()
        self.actor_id = user.pk if user is not None else None
        self.username = getattr(actor, "username", "") or ""
        self.role = getattr(actor, "role", "") or ""
        self.ip = context.ip if context else None
        self.outcome = outcome
        self.stored_at = str(connection.ops.adapt_datetimefield_value(self.at))
        ip = "null" if self.ip is None else json_string(self.ip)
        actor_id = "null" if self.actor_id is None else int(self.actor_id)
        self.head = f'"actor": {actor_id}, "at": {json_string(self.at.isoformat())}'
        self.middle = f'"ip": {ip}, "outcome": {json_string(outcome)}'
        self.tail = f'"role": {json_string(self.role)}'
        self.end = f'"username": {json_string(self.username)}}}'
        self.kinds: dict[tuple[str, str], tuple[str, str]] = {}
        self.key = chain_key()
        self.last_id, self.previous = _last()

    def row(self, item: Serialised) -> tuple[Any, ...]:
        action, target_type, target_id, target_repr, region_id, changes = item
        target_repr = target_repr[:200]
        kind = self.kinds.get((action, target_type)) or self._kind(action, target_type)
        number = f'"{target_id}"' if target_id.isdigit() else json_string(target_id)
        text = (
            f'{kind[0]}, "changes": {changes}, {self.middle}, "prev": "{self.previous}", '
            f'"region": {"null" if region_id is None else int(region_id)}, {self.tail}, '
            f'"target": [{kind[1]}, {number}, {json_string(target_repr)}], {self.end}'
        )
        digest = link(text, self.key)
        self.last_id += 1
        row = (
            self.last_id, self.stored_at, self.actor_id, self.username, self.role, self.ip, action,
            target_type, target_id, target_repr, region_id, changes, self.outcome,
            self.previous, digest,
        )  # fmt: skip
        self.previous = digest
        return row

    def _kind(self, action: str, target_type: str) -> tuple[str, str]:
        """The text before "changes" for this action, and the target type as JSON."""
        kind = (f'{{"action": {json_string(action)}, {self.head}', json_string(target_type))
        self.kinds[(action, target_type)] = kind
        return kind


_ENTRY_COLUMNS = (
    "id", "at", "actor_id", "actor_username", "actor_role", "ip", "action", "target_type",
    "target_id", "target_repr", "region_id", "changes", "outcome", "prev_hash", "hash",
)  # fmt: skip
# Values that may be None or hold any text: all but the id, the time and the two hashes
# (changes: its JSON escapes hold backslashes).
_LOOSE_COLUMNS = tuple(range(2, 13))


_COPY_SPECIAL = re.compile(r"[\\\t\n\r]")
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def insert_rows(
    table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *, loose: Sequence[int]
) -> int:
    """Inserts rows in the order given, so their ids follow it; returns how many. PostgreSQL:
    one COPY, fed while `rows` (best a generator) builds them, so the server works as they
    come. Elsewhere: one executemany.

    For COPY each row becomes a line of text: values at the positions in `loose` may be None
    or hold tabs, line breaks or backslashes, and are escaped; all others must be text or
    numbers without them (codes, digests, ISO dates): a stray tab or line break there makes
    the line's column count wrong, which PostgreSQL refuses."""
    names = ", ".join(columns)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(sql, cast(Any, rows))  # sqlite3 takes any iterable
            return int(cursor.rowcount)
        template = "\t".join(["%s"] * len(columns)) + "\n"
        count = 0
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            lines = []
            for row in rows:
                lines.append(template % _copy_values(row, loose))
                if len(lines) == 100:  # about 30 KiB: psycopg's own chunk
                    copy.write("".join(lines))
                    count, lines = count + len(lines), []
            copy.write("".join(lines))
        return count + len(lines)


def _copy_values(row: Sequence[Any], loose: Sequence[int]) -> tuple[Any, ...]:
    values = list(row)
    for index in loose:
        value = values[index]
        if value is None:
            values[index] = "\\N"
        elif value.__class__ is str and _COPY_SPECIAL.search(value):
            values[index] = value.translate(_COPY_ESCAPES)
    return tuple(values)


def verify_chain(batch_size: int = 5000) -> Iterator[str]:
    """Yields a Chinese description of every broken link and every missing id; nothing when
    the chain is intact. Ids are given under the chain lock, so a gap is a deleted entry."""
    previous, previous_id = GENESIS, 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size):
        if previous_id and entry.pk != previous_id + 1:
            yield _missing(previous_id + 1, entry.pk - 1)
        previous_id = entry.pk
        if entry.prev_hash != previous:
            yield f"第 {entry.pk} 条记录的前序哈希不连续（记录被删除或插入）"
        if _entry_digest(entry) != entry.hash:
            yield f"第 {entry.pk} 条记录的内容与哈希不符（记录被篡改）"
        previous = entry.hash


# Batch entries -------------------------------------------------------------------------------
# An import writes one entry, not one per person: the objects it created are its items, each
# with a keyed digest of the values it was given (docs/decisions/0027-import-audit-per-batch.md).

STAGED = "audit_staged_items"  # the items of the batch being written, until its entry exists
# The keys of a batch entry's changes that hold its items' digest and how many they are.
ITEMS_DIGEST, ITEMS_COUNT = "batch_digest", "batch_items"
# What `houbei audit verify` asks of the app that owns a target type: each problem of the
# objects whose values no longer match their item's digest (registered in the app's ready()).
BATCH_CHECKS: dict[str, Callable[[], Iterator[str]]] = {}


class BatchItems:
    """The items of one batch while it is written: staged in a temporary table as they come
    (memory holds one batch), their digest kept running. Items come in ascending id order."""

    def __init__(self, target_type: str) -> None:
        self.target_type = target_type
        self.count = 0
        self.last_id = 0
        self._digest = hashlib.sha256()
        self._staged = False

    def add(self, items: Sequence[tuple[int, str]]) -> None:
        """(object id, its digest) each, ids ascending."""
        if not items:
            return
        if items[0][0] <= self.last_id:
            raise ValueError("batch items must come in ascending id order")
        if not self._staged:
            _create_staging()
            self._staged = True
        prefix = f"{self.target_type}:"
        self._digest.update("".join(f"{prefix}{pk}:{digest}\n" for pk, digest in items).encode())
        rows = ((self.target_type, pk, digest) for pk, digest in items)
        insert_rows(STAGED, ("target_type", "target_id", "digest"), rows, loose=())
        self.count += len(items)
        self.last_id = items[-1][0]

    @property
    def digest(self) -> str:
        return self._digest.hexdigest()


def item_digest(text: str, key: bytes | None = None) -> str:
    """An item's digest: the keyed hash of its values' text (the owning app's canonical text)."""
    return link(f"item:{text}", key)


def _create_staging() -> None:
    with connection.cursor() as cursor:
        columns = "target_type varchar(60) NOT NULL, target_id bigint NOT NULL, digest char(64)"
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGED} ({columns}) ON COMMIT DROP"
            )
        else:
            cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGED} ({columns})")


def _staging_exists() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [f"pg_temp.{STAGED}"])
        else:
            cursor.execute("SELECT COUNT(*) FROM sqlite_temp_master WHERE name = %s", [STAGED])
        return bool(cursor.fetchone()[0])


def file_batch_items(entry: AuditEntry) -> int:
    """Files the staged items under their batch entry, just recorded in the same transaction;
    returns how many (none staged: 0)."""
    if not _staging_exists():
        return 0
    table = BatchItem._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (entry_id, target_type, target_id, digest) "  # noqa: S608
            f"SELECT %s, target_type, target_id, digest FROM {STAGED} ORDER BY target_id",
            [entry.pk],
        )
        count = int(cursor.rowcount)
        cursor.execute(f"DROP TABLE {STAGED}")
    return count


def verify_batches(chunk_size: int = 5000) -> Iterator[str]:
    """Yields a Chinese description of every batch entry whose items no longer match the digest
    it holds (items changed, added or removed), then what each owning app finds of objects
    changed since their item was written (BATCH_CHECKS)."""
    claimed: dict[int, tuple[int, str]] = {}
    entries = AuditEntry.objects.filter(changes__has_key=ITEMS_DIGEST).values_list("pk", "changes")
    for pk, changes in entries.iterator(chunk_size=chunk_size):
        claimed[pk] = (int(changes.get(ITEMS_COUNT, 0)), str(changes[ITEMS_DIGEST]))
    found: dict[int, tuple[int, Any]] = {}
    items = BatchItem.objects.order_by("entry_id", "target_id")
    for entry_id, target_type, target_id, digest in items.values_list(
        "entry_id", "target_type", "target_id", "digest"
    ).iterator(chunk_size=chunk_size):
        count, running = found.setdefault(entry_id, (0, hashlib.sha256()))
        running.update(f"{target_type}:{target_id}:{digest}\n".encode())
        found[entry_id] = (count + 1, running)
    for entry_id in sorted(set(claimed) | set(found)):
        count, running = found.get(entry_id, (0, hashlib.sha256()))
        if entry_id not in claimed:
            yield f"批量条目指向第 {entry_id} 条记录，但该记录不是批量记录（条目被插入）"
        elif (count, running.hexdigest()) != claimed[entry_id]:
            yield (
                f"第 {entry_id} 条记录（批量导入）的条目与其摘要不符：记录 {claimed[entry_id][0]}"
                f" 条，现存 {count} 条（条目被改动、增加或删除）"
            )
    for check in BATCH_CHECKS.values():
        yield from check()


def _missing(first: int, last: int) -> str:
    ids = str(first) if first == last else f"{first}–{last}"
    return f"缺少第 {ids} 条记录（编号不连续：记录被删除）"


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Old and new values of the fields that changed."""
    return {
        key: {"old": before.get(key), "new": after.get(key)}
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


@transaction.atomic
def record_export(actor: Actor, *, filters: dict[str, Any], file_format: str) -> AuditEntry:
    """The auditor exported the log: which filters, which format."""
    from houbei.audit.filters import described

    changes = {"filters": described(filters), "format": file_format}
    return record(actor, "audit.log.exported", None, changes, region=getattr(actor, "region", None))
