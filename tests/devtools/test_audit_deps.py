"""The dependency audit reads the tools' reports: findings fail, reviewed exceptions pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from houbei.devtools import audit_deps

VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {
            "name": "jinja2",
            "version": "3.1.2",
            "vulns": [
                {"id": "PYSEC-2024-1", "aliases": ["GHSA-h5c8-rqwp-cp95"], "fix_versions": []}
            ],
        },
    ],
    "fixes": [],
}
UNREACHABLE = {
    "dependencies": [
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    ],
}
NPM_VULNERABLE = {
    "auditReportVersion": 2,
    "vulnerabilities": {
        "htmx.org": {
            "name": "htmx.org",
            "severity": "moderate",
            "via": [{"source": 1, "url": "https://github.com/advisories/GHSA-aaaa-bbbb-cccc"}],
        }
    },
}


def test_a_known_python_vulnerability_is_a_finding_unless_reviewed() -> None:
    assert audit_deps.python_verdict(VULNERABLE, {}).findings == ["jinja2 3.1.2: PYSEC-2024-1"]
    excepted = {"GHSA-h5c8-rqwp-cp95": "reviewed"}
    assert audit_deps.python_verdict(VULNERABLE, excepted).findings == []


def test_a_python_service_that_answers_nothing_is_unreachable_not_clean() -> None:
    verdict = audit_deps.python_verdict(UNREACHABLE, {})
    assert not verdict.reachable and verdict.findings == []


def test_npm_findings_and_errors() -> None:
    found = audit_deps.npm_verdict(NPM_VULNERABLE, {})
    assert found.reachable and len(found.findings) == 1
    assert audit_deps.npm_verdict(NPM_VULNERABLE, {"GHSA-aaaa-bbbb-cccc": "ok"}).findings == []
    assert not audit_deps.npm_verdict({"message": "405 Method Not Allowed"}, {}).reachable


def test_an_exception_needs_a_reason(tmp_path: Path) -> None:
    listed = tmp_path / "exceptions.txt"
    listed.write_text("# comment\nGHSA-1 not mounted (reviewed 2026-12-04)\n", encoding="utf-8")
    assert audit_deps.reviewed_exceptions(listed) == {"GHSA-1": "not mounted (reviewed 2026-12-04)"}
    listed.write_text("GHSA-2\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="GHSA-2 has no reason"):
        audit_deps.reviewed_exceptions(listed)


def test_the_unreachable_service_fails_only_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    unreachable = audit_deps.Verdict("pip-audit", reachable=False, detail="offline")
    monkeypatch.setattr(audit_deps, "audit_python", lambda exceptions: unreachable)
    monkeypatch.setattr(audit_deps, "audit_npm", lambda exceptions: audit_deps.Verdict("npm"))
    assert audit_deps.main([]) == 0
    assert audit_deps.main(["--require-service"]) == 1
