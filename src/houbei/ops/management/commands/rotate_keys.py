"""`houbei rotate_keys`: re-encrypt sensitive fields with the first key of FIELD_ENCRYPTION_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from houbei.lib.crypto import DecryptionError
from houbei.ops.keys import rotate_keys


class Command(BaseCommand):
    help = "用 FIELD_ENCRYPTION_KEYS 的第一个密钥重新加密全部敏感字段（旧密钥须仍在列表中）。"

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = rotate_keys()
        except DecryptionError as error:
            raise CommandError(f"无法解密现有数据，未做任何修改：{error}") from error
        for column, count in counts.items():
            self.stdout.write(f"{column}: 已重新加密 {count} 行")
