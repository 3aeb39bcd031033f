"""Scans of the departments' letters and of joint review meetings: checked, encrypted on disk
under a random token (they name candidates and what the departments found), read back only by
the scoped download view."""

from __future__ import annotations

import base64
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from houbei.lib import crypto
from houbei.lib.datadir import ensure_private_dir, write_private

MAX_BYTES = 5 * 1024 * 1024
# Accepted kinds: extension → (content type, the file's first bytes).
KINDS = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


@dataclass(frozen=True)
class StoredScan:
    token: str
    name: str
    content_type: str
    size: int


def _folder() -> Path:
    return ensure_private_dir(Path(settings.MEDIA_ROOT) / "review-scans")


def _path(token: str) -> Path | None:
    return _folder() / f"{token}.enc" if _TOKEN.fullmatch(token) else None


def check(upload: UploadedFile) -> str:
    """The content type of an acceptable scan; a Chinese error naming what is wrong otherwise."""
    name = upload.name or ""
    suffix = Path(name).suffix.lower()
    if suffix not in KINDS:
        raise ValidationError("扫描件只接受 PDF、JPG 或 PNG 文件。", code="type")
    if (upload.size or 0) > MAX_BYTES:
        raise ValidationError("扫描件不能超过 5 MB。", code="size")
    if not upload.size:
        raise ValidationError("扫描件是空文件。", code="empty")
    content_type, magic = KINDS[suffix]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(f"扫描件内容与扩展名{suffix}不符。", code="content")
    return content_type


def store(upload: UploadedFile) -> StoredScan:
    content_type = check(upload)
    token = secrets.token_urlsafe(24)
    content = b"".join(upload.chunks())
    path = _path(token)
    assert path is not None
    write_private(path, crypto.encrypt(base64.b64encode(content).decode()).encode())
    name = Path(upload.name or "scan").name[-200:]
    return StoredScan(token=token, name=name, content_type=content_type, size=len(content))


def read(token: str) -> bytes | None:
    path = _path(token)
    if path is None or not path.is_file():
        return None
    return base64.b64decode(crypto.decrypt(path.read_text()))


def discard(token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)
