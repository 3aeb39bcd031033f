"""Check the locked dependencies against the public vulnerability databases.

    python -m houbei.devtools.audit_deps [--require-service]

runs ``pip-audit`` on requirements/dev.txt (every Python package, transitive ones included, as
installed from the hash-locked file) and ``npm audit`` on package-lock.json. A known
vulnerability fails the run unless its id is listed, with a reason, in
requirements/audit-exceptions.txt. When a vulnerability service cannot be reached (the PyPI JSON
API and npm's advisory endpoint are not part of every registry mirror), the run says so loudly;
with ``--require-service`` (or HOUBEI_AUDIT_REQUIRED=true) that is a failure too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from houbei.devtools.assets import PROJECT_ROOT

LOCK_FILE = PROJECT_ROOT / "requirements" / "dev.txt"
EXCEPTIONS_FILE = PROJECT_ROOT / "requirements" / "audit-exceptions.txt"


@dataclass
class Verdict:
    """What one audit found: vulnerabilities not excepted, and whether the service answered."""

    tool: str
    findings: list[str] = field(default_factory=list)
    reachable: bool = True
    detail: str = ""


def reviewed_exceptions(path: Path = EXCEPTIONS_FILE) -> dict[str, str]:
    """Vulnerability id → the reviewer's reason; a line without a reason is refused."""
    exceptions: dict[str, str] = {}
    if not path.exists():
        return exceptions
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        vuln_id, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"{path.name} line {number}: {vuln_id} has no reason")
        exceptions[vuln_id] = reason.strip()
    return exceptions


def python_verdict(report: dict[str, object], exceptions: dict[str, str]) -> Verdict:
    """Read pip-audit's JSON report."""
    verdict = Verdict("pip-audit")
    dependencies = report.get("dependencies", [])
    assert isinstance(dependencies, list)
    skipped = [dep for dep in dependencies if dep.get("skip_reason")]
    if dependencies and len(skipped) == len(dependencies):
        verdict.reachable = False
        verdict.detail = str(skipped[0]["skip_reason"])
    for dep in dependencies:
        for vuln in dep.get("vulns", []):
            ids = {vuln["id"], *vuln.get("aliases", [])}
            if not ids & exceptions.keys():
                verdict.findings.append(f"{dep['name']} {dep['version']}: {vuln['id']}")
    return verdict


def npm_verdict(report: dict[str, object], exceptions: dict[str, str]) -> Verdict:
    """Read ``npm audit --json``: an error body means the advisory endpoint did not answer."""
    verdict = Verdict("npm audit")
    if "vulnerabilities" not in report:
        verdict.reachable = False
        verdict.detail = str(report.get("message") or report.get("error") or report)[:200]
        return verdict
    vulnerabilities = report["vulnerabilities"]
    assert isinstance(vulnerabilities, dict)
    for name, entry in vulnerabilities.items():
        sources = [via for via in entry.get("via", []) if isinstance(via, dict)]
        ids = {str(via.get("url", "")).rsplit("/", 1)[-1] for via in sources} | {name}
        if not ids & exceptions.keys():
            verdict.findings.append(f"{name} ({entry.get('severity')}): {sorted(ids - {name})}")
    return verdict


def run_json(command: list[str]) -> dict[str, object]:
    completed = subprocess.run(  # noqa: S603 (fixed commands, no shell)
        command, capture_output=True, text=True, cwd=PROJECT_ROOT, check=False
    )
    try:
        parsed = json.loads(completed.stdout or "{}")
    except json.JSONDecodeError:
        return {"message": (completed.stderr or completed.stdout).strip()[-200:]}
    return parsed if isinstance(parsed, dict) else {"message": str(parsed)[:200]}


def audit_python(exceptions: dict[str, str]) -> Verdict:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    command = [str(pip_audit), "--progress-spinner", "off", "--disable-pip", "--require-hashes"]
    return python_verdict(run_json([*command, "-r", str(LOCK_FILE), "-f", "json"]), exceptions)


def audit_npm(exceptions: dict[str, str]) -> Verdict:
    npm = shutil.which("npm")
    if npm is None:
        return Verdict("npm audit", reachable=False, detail="npm not found")
    return npm_verdict(run_json([npm, "audit", "--json", "--package-lock-only"]), exceptions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--require-service", action="store_true")
    options = parser.parse_args(argv)
    require = options.require_service or os.environ.get("HOUBEI_AUDIT_REQUIRED") == "true"
    exceptions = reviewed_exceptions()
    failed = False
    for verdict in (audit_python(exceptions), audit_npm(exceptions)):
        if not verdict.reachable:
            print(f"{verdict.tool}: vulnerability service NOT reachable ({verdict.detail})")
            failed |= require
        elif verdict.findings:
            print(f"{verdict.tool}: {len(verdict.findings)} known vulnerabilities not excepted:")
            print("\n".join(f"  {finding}" for finding in verdict.findings))
            failed = True
        else:
            print(
                f"{verdict.tool}: no known vulnerabilities ({len(exceptions)} reviewed exceptions)"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
