"""Django's deployment checklist passes with production settings, and refuses what it must."""

from __future__ import annotations

from pathlib import Path

from tests.security.production import houbei, production_env


def test_check_deploy_passes_with_production_settings(tmp_path: Path) -> None:
    result = houbei("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_debug_is_on(tmp_path: Path) -> None:
    env = production_env(tmp_path, DEBUG="true")
    result = houbei("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0 and "security.W018" in result.stderr


def test_check_deploy_fails_with_insecure_cookies(tmp_path: Path) -> None:
    env = production_env(tmp_path, SECURE_COOKIES="false")
    result = houbei("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert "security.W012" in result.stderr and "security.W016" in result.stderr


def test_production_refuses_the_development_key(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = houbei("check", env=env)
    assert result.returncode != 0 and "SECRET_KEY 未设置" in result.stderr


def test_audit_retention_cannot_go_below_180_days(tmp_path: Path) -> None:
    short = houbei("check", env=production_env(tmp_path, AUDIT_RETENTION_DAYS="179"))
    assert short.returncode != 0
    assert "AUDIT_RETENTION_DAYS 不能少于180天" in short.stderr
    floor = houbei("check", env=production_env(tmp_path, AUDIT_RETENTION_DAYS="180"))
    assert floor.returncode == 0, floor.stderr


def test_audit_retention_defaults_to_three_years(settings: object) -> None:
    assert settings.AUDIT_RETENTION_DAYS == 1095


def test_check_deploy_fails_without_the_keys(tmp_path: Path) -> None:
    """Missing keys are an error, never a silent derivation from SECRET_KEY (item 9)."""
    env = production_env(tmp_path)
    for name in ("FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY", "AUDIT_HMAC_KEY"):
        del env[name]
    result = houbei("check", "--deploy", env=env)
    assert result.returncode != 0
    for code in ("houbei.E001", "houbei.E002", "houbei.E003"):
        assert code in result.stderr
