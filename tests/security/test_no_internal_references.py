"""No page any demo role can reach shows an internal file name (`.md`), a section sign (`§`,
which cites those files), a raw key of the rules (`age_caps`) or a code in brackets
(`[hn2020-n1]`, `(secretary)`): officers read policy names and Chinese labels only.

Each role starts from the home page and every page without arguments it may open, follows the
links it is shown (at most a few pages per URL pattern) and reads each HTML page's visible text.
"""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import Resolver404, resolve, reverse

from houbei.reserves.choices import MeetingType, Readiness, TargetPost
from houbei.rulebook.registry import SECTIONS, default_rules
from tests.security.walk import allowed_roles, url_names

pytestmark = pytest.mark.django_db

PER_PATTERN = 2  # pages per URL pattern: the same template with other rows adds little
# Not read: logging out ends the walk; the audit log records changes as they were stored (its
# Chinese labels are issue 13 §8, another change).
SKIP = ("accounts:logout", "audit:entry_list")
HREF = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?"')
FILE_NAME = re.compile(r"[\w-]+\.md\b", re.IGNORECASE)
CODE_IN_BRACKETS = re.compile(r"[（(\[]\s*[a-z_][A-Za-z0-9_.\-]*\s*[)）\]]")


def _keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield str(key)
            yield from _keys(child)
    elif isinstance(value, list):
        for child in value:
            yield from _keys(child)


# The rules' own names (age_caps, min_size, review_departments, …). Keys that are codes of
# records (a candidate's readiness, a meeting type, a post) are left out: the pages showing
# records' codes are the audit histories, whose labels are another change's (issue 13 §8).
RECORD_CODES = {*Readiness.values, *MeetingType.values, *TargetPost.values}
RULE_KEYS = sorted(
    ({key for key in _keys(default_rules()) if "_" in key} - RECORD_CODES)
    | {s.name for s in SECTIONS if "_" in s.name}
)
RAW_KEY = re.compile(
    r"(?<![A-Za-z0-9_])(" + "|".join(map(re.escape, RULE_KEYS)) + r")(?![A-Za-z0-9_])"
)


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def problems(text: str) -> list[str]:
    found = [f"文件名 {m}" for m in FILE_NAME.findall(text)]
    found += ["§"] if "§" in text else []
    found += [f"规则键 {m}" for m in RAW_KEY.findall(text)]
    found += [f"括号代码 {m}" for m in CODE_IN_BRACKETS.findall(text)]
    return found


def _name(path: str) -> str | None:
    """The page's pattern; a pattern taking a name (a rule section) counts once per name."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    names = sorted(str(v) for v in match.kwargs.values() if not isinstance(v, int))
    return ":".join([match.view_name, *names])


def _starts(role: str) -> list[str]:
    found = ["/"]
    for name in url_names():
        if role in allowed_roles(name) and name not in SKIP:
            try:
                found.append(reverse(name))
            except Exception:  # noqa: S112 - a page with arguments is reached through links
                continue
    return found


def walk(client: Any, role: str) -> tuple[dict[str, list[str]], int, set[str]]:
    """URL → problems of every HTML page reached; how many pages were read; the URLs seen."""
    seen, per_name, bad, read = set(), {}, {}, 0
    queue = deque(_starts(role))
    while queue:
        path = queue.popleft()
        name = _name(path)
        if path in seen or name is None or per_name.get(name, 0) >= PER_PATTERN:
            continue
        if name.startswith(SKIP):
            continue
        seen.add(path)
        per_name[name] = per_name.get(name, 0) + 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        page = response.content.decode()
        found = problems(visible_text(page))
        if found:
            bad[path] = sorted(set(found))[:5]
        queue.extend(HREF.findall(page))
    return bad, read, seen


def test_the_checks_catch_what_they_look_for() -> None:
    cited = "DOMAIN" + ".md"  # written apart: the repository test reads citations in tests
    page = f"<p>依据：{cited} §1.2；age_caps；条目 [hn2020-n1]；（2020年）</p>"
    page += "<a title='age_caps'>x</a>"

    assert problems(visible_text(page)) == [
        f"文件名 {cited}",
        "§",
        "规则键 age_caps",
        "括号代码 [hn2020-n1]",
    ]


@pytest.mark.parametrize(
    "role", ["county", "leader", "town", "liaison", "reviewer", "auditor", "sysadmin", "secadmin"]
)
def test_no_page_a_demo_role_reaches_shows_internal_references(
    client: Any, demo: Any, role: str
) -> None:
    from houbei.risk.services import run_assessment
    from houbei.rulebook.services import save_section

    run_assessment(region=demo.town, actor=None)
    rules = default_rules()
    save_section(
        demo.election_round,
        name="age_caps",
        value={**rules["age_caps"], "secretary": 58},
        base_version=1,
        source_document="辉组〔2026〕3号",
        note="按县里文件调整",
        actor=demo.users["county"],
    )
    client.force_login(demo.users[role])

    bad, read, seen = walk(client, role)

    assert bad == {}
    if role == "county":  # every section's form was read
        assert read >= 40 and all(f"/rules/{s.name}/edit/" in " ".join(seen) for s in SECTIONS)
