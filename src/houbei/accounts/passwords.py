"""Password rules beyond Django's: 等保 asks for character classes (see docs/decisions)."""

from __future__ import annotations

import string
from typing import Any

from django.core.exceptions import ValidationError

CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
REQUIRED_CLASSES = 3
FORBIDDEN_WORDS = ("dangjian", "huixian", "wucun", "password", "admin")


def _class_count(password: str) -> int:
    counts = [any(ch in chars for ch in password) for chars in CLASSES]
    counts.append(any(not ch.isalnum() for ch in password))
    return sum(counts)


class CharacterClassValidator:
    def validate(self, password: str, user: Any = None) -> None:
        if _class_count(password) < REQUIRED_CLASSES:
            raise ValidationError(
                "密码须包含大写字母、小写字母、数字、符号中的至少三类。", code="password_classes"
            )
        lowered = password.lower()
        for word in FORBIDDEN_WORDS:
            if word in lowered:
                raise ValidationError(f"密码不能包含常见词“{word}”。", code="password_word")

    def get_help_text(self) -> str:
        return "至少12位，包含大写字母、小写字母、数字、符号中的至少三类。"
