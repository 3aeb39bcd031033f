"""The repository explains itself: code and tests cite only documents inside it (docs/), every
docs/ file and section they cite exists, and the rule sources shown on pages name real
documents rather than repository files."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The steering documents kept outside the repository; docs/ restates what the code needs.
OUTSIDE = re.compile(r"\b(?:DOMAIN|DESIGN|STYLE|SECURITY|PERFORMANCE|GLOSSARY)\.md\b")
_REF = r"(?:§\s?\d+(?:\.\d+)*|G\d+|items?\s+\d+)"
_SEP = r"(?:\s*(?:,|、|，|;|；|–|—|-|and|&)?\s*)"
# `docs/domain.md §1.4 (a)`, `docs/domain.md §1.3–§1.5`, `docs/performance.md G5`,
# `docs/security.md item 14`: the path, then the run of references that follows it.
CITATION = re.compile(rf"docs/((?:[\w-]+/)*[\w-]+\.md)((?:{_SEP}{_REF}(?:\s?\([a-z]\))*)*)")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
SKIPPED_DIRS = {"__pycache__", "vendor", "node_modules"}


def _files(*roots: str) -> Iterator[Path]:
    for name in roots:
        path = ROOT / name
        if path.is_file():
            yield path
            continue
        for found in sorted(path.rglob("*")):
            if found.is_file() and not SKIPPED_DIRS & set(found.relative_to(ROOT).parts):
                yield found


def _text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None  # images, fonts, compiled files


def outside_citations(text: str, *, strict: bool) -> list[str]:
    """Lines naming an outside document. Strict (code, tests): any mention. Otherwise (README,
    CONTRIBUTING, docs/): a mention is allowed only on a line that also points into docs/."""
    return [
        line.strip()
        for line in text.splitlines()
        if OUTSIDE.search(line) and (strict or "docs/" not in line)
    ]


def _anchors(document: str) -> set[str]:
    """What a document can be cited by: numbered headings (§1, §1.2), goal rows (G1) and
    numbered list items (item 14)."""
    found = set()
    for line in document.splitlines():
        if heading := re.match(r"#{1,6}\s+(\d+(?:\.\d+)*)\.?\s", line):
            found.add("§" + heading.group(1))
        elif goal := re.match(r"\|\s*(G\d+)\s*\|", line):
            found.add(goal.group(1))
        elif item := re.match(r"(\d+)\.\s", line):
            found.add("item " + item.group(1))
    return found


def broken_citations(text: str, root: Path = ROOT) -> list[str]:
    """Each `docs/<name>.md` cited in the text that does not exist, and each cited section, goal
    or item that the existing file does not have."""
    broken = []
    for match in CITATION.finditer(text):
        path = root / "docs" / match.group(1)
        if not path.is_file():
            broken.append(f"docs/{match.group(1)}: no such file")
            continue
        anchors = _anchors(path.read_text(encoding="utf-8"))
        for ref in re.findall(_REF, match.group(2)):
            ref = re.sub(r"\s+", " ", ref.replace("§ ", "§")).replace("items ", "item ")
            if ref not in anchors:
                broken.append(f"docs/{match.group(1)} {ref}: no such section")
    return broken


def broken_links(path: Path, text: str) -> list[str]:
    """Relative Markdown links that lead nowhere."""
    return [
        target
        for target in LINK.findall(text)
        if "://" not in target
        and not target.startswith("mailto:")
        and not (path.parent / target).exists()
    ]


def _problems(check: Any, *roots: str) -> list[str]:
    problems = []
    for path in _files(*roots):
        text = _text(path)
        if text is not None:
            problems += [f"{path.relative_to(ROOT)}: {p}" for p in check(path, text)]
    return problems


def test_code_and_tests_cite_no_document_outside_the_repository() -> None:
    assert _problems(lambda _, text: outside_citations(text, strict=True), "src", "tests") == []


def test_the_guides_point_into_docs_when_they_name_an_outside_document() -> None:
    problems = _problems(
        lambda _, text: outside_citations(text, strict=False),
        "README.md",
        "CONTRIBUTING.md",
        "docs",
    )

    assert problems == []


def test_every_cited_docs_file_and_section_exists() -> None:
    problems = _problems(
        lambda _, text: broken_citations(text),
        "src",
        "tests",
        "README.md",
        "CONTRIBUTING.md",
        "docs",
    )

    assert problems == []


def test_every_relative_link_of_the_documents_leads_somewhere() -> None:
    problems = _problems(broken_links, "README.md", "CONTRIBUTING.md", "docs")

    assert problems == []


def test_the_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    # Built from parts, so that this file itself cites nothing that does not exist.
    doc = "docs/" + "domain.md"
    (tmp_path / "docs").mkdir()
    (tmp_path / doc).write_text(
        "# Facts\n\n## 1. Round\n\n### 1.2 Law\n\n| G1 | import |\n\n14. a test\n", encoding="utf-8"
    )
    good = f"{doc} §1.2, {doc} §1–§1.2 (a), {doc} G1, {doc} item 14"
    outside = "See " + "DOMAIN" + ".md §1.2"

    assert broken_citations(good, tmp_path) == []
    assert broken_citations(f"{doc} §1.3", tmp_path) == [f"{doc} §1.3: no such section"]
    assert broken_citations(f"{doc} §1.2–§2, G2", tmp_path) == [
        f"{doc} §2: no such section",
        f"{doc} G2: no such section",
    ]
    missing = "docs/" + "glossary.md"
    assert broken_citations(missing, tmp_path) == [f"{missing}: no such file"]
    assert outside_citations(outside, strict=True) == [outside]
    assert outside_citations(f"{outside}, now {doc} §1.2", strict=False) == []
    assert broken_links(tmp_path / "docs" / "README.md", "[x](domain.md) [y](gone.md)") == [
        "gone.md"
    ]


def test_rule_sources_shown_on_pages_name_documents_not_repository_files() -> None:
    from houbei.rulebook.registry import DEFAULT_SOURCE, default_rules

    rules = default_rules()
    sources = [DEFAULT_SOURCE] + [section["source"] for section in rules.values()]
    sources += [item["source"] for item in rules["disqualifiers"]["items"]]

    assert all(sources)
    assert [s for s in sources if ".md" in s or "docs/" in s or OUTSIDE.search(s)] == []
    assert "《中华人民共和国村民委员会组织法》" in rules["committee"]["source"]
    assert "《乡村振兴战略规划（2018—2022年）》" in rules["targets"]["source"]


def test_no_file_holds_a_merge_conflict_marker() -> None:
    """A merge left half-resolved must not land: no line opens or closes a conflict."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.split()
    found = []
    for name in listed:
        path = ROOT / name
        if path.suffix not in {".py", ".md", ".html", ".toml", ".js", ".css", ".cfg", ".yaml"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith(("<<<<<<< ", ">>>>>>> ")):
                found.append(f"{name}:{number}")
    assert found == []


def _pins(text: str) -> dict[str, str]:
    """name → version of every `name==version` requirement in a text (names normalised)."""
    found = re.findall(
        r"^\s*\"?([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s\"\\;]+)", text, re.M
    )
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in found}


def test_the_hash_lock_agrees_with_pyproject() -> None:
    """Every pin of pyproject.toml is locked at the same version, every locked line hashed."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    runtime, _, optional = pyproject.partition("[project.optional-dependencies]")
    for lock_name, declared in (("base.txt", runtime), ("dev.txt", pyproject)):
        lock = (ROOT / "requirements" / lock_name).read_text(encoding="utf-8")
        locked = _pins(lock)
        wanted = {name: version for name, version in _pins(declared).items()}
        stale = {name: v for name, v in wanted.items() if locked.get(name) != v}
        assert not stale, f"requirements/{lock_name} is stale (run `make lock`): {stale}"
        blocks = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n\n", 1)[-1])
        unhashed = [b.split()[0] for b in blocks if "==" in b and "--hash=sha256:" not in b]
        assert not unhashed, f"requirements/{lock_name} lines without hashes: {unhashed}"
    assert "psycopg" in _pins(runtime) and "pytest" not in _pins(runtime)
    assert "pytest" in _pins(optional)
