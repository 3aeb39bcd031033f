"""Password rules beyond Django's. 等保 asks for character classes, context words, history and
a maximum age; ASVS advises against the first and the last (see docs/decisions)."""

from __future__ import annotations

import re
import string
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
REQUIRED_CLASSES = 3
FORBIDDEN_WORDS = ("dangjian", "huixian", "wucun", "password", "admin")
# Names of places drop these endings before they become forbidden words (吴村镇 -> wucun).
_PLACE_ENDINGS = ("街道办事处", "街道", "镇", "乡", "县", "市", "区")
_MIN_WORD = 3
# 8 digits that read as a date (19750308), or a written date (1975-3-8, 1975.03.08).
_DATE_LIKE = re.compile(
    r"(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])|(19|20)\d\d[-./年]\d{1,2}[-./月]\d{1,2}"
)


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


def _place_words() -> set[str]:
    from houbei.lib.pinyin import pinyin_full
    from houbei.regions.models import Level, Region

    words: set[str] = set()
    names = Region.objects.filter(level__in=[Level.COUNTY, Level.TOWN]).values_list(
        "name", flat=True
    )
    for name in names:
        words.add(pinyin_full(name))
        stem = next((name[: -len(e)] for e in _PLACE_ENDINGS if name.endswith(e)), name)
        words.add(pinyin_full(stem))
    return words


def _user_words(user: Any) -> set[str]:
    from houbei.lib.pinyin import pinyin_full, pinyin_initials

    if user is None:
        return set()
    words = {str(getattr(user, "username", "") or "").lower()}
    full_name = str(getattr(user, "full_name", "") or "")
    if full_name:
        words |= {pinyin_full(full_name), pinyin_initials(full_name)}
    return words


class ContextWordsValidator:
    """Refuses the user's own name and username, place names (in pinyin) and dates."""

    def validate(self, password: str, user: Any = None) -> None:
        lowered = password.lower()
        for word in sorted(_user_words(user)):
            if len(word) >= _MIN_WORD and word in lowered:
                raise ValidationError("密码不能包含本人的用户名或姓名拼音。", code="password_user")
        for word in sorted(_place_words()):
            if len(word) >= _MIN_WORD and word in lowered:
                raise ValidationError(f"密码不能包含地名“{word}”。", code="password_place")
        if _DATE_LIKE.search(password):
            raise ValidationError("密码不能包含生日等日期数字。", code="password_date")

    def get_help_text(self) -> str:
        return "不能包含本人姓名拼音、用户名、地名或日期。"


def history_size() -> int:
    return int(getattr(settings, "PASSWORD_HISTORY_COUNT", 5))


class PasswordHistoryValidator:
    """The last few passwords (PASSWORD_HISTORY_COUNT, default 5) may not be used again."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or user.pk is None or history_size() <= 0:
            return
        from houbei.accounts.models import PasswordHistory

        hashes = PasswordHistory.objects.filter(user_id=user.pk).values_list("password", flat=True)
        for encoded in [user.password, *hashes[: history_size()]]:
            if encoded and check_password(password, encoded):
                raise ValidationError(
                    f"新密码不能与最近{history_size()}次使用过的密码相同。", code="password_reused"
                )

    def password_changed(self, password: str, user: Any = None) -> None:
        """Django calls this after a new password is saved: keep its hash, drop the oldest."""
        if user is None or user.pk is None or not user.has_usable_password():
            return
        from houbei.accounts.models import PasswordHistory

        PasswordHistory.objects.create(user_id=user.pk, password=user.password)
        keep = PasswordHistory.objects.filter(user_id=user.pk).values_list("pk", flat=True)
        PasswordHistory.objects.filter(user_id=user.pk).exclude(
            pk__in=list(keep[: max(history_size(), 1)])
        ).delete()

    def get_help_text(self) -> str:
        return f"不能与最近{history_size()}次使用过的密码相同。"
