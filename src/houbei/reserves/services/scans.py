"""Scans of the departments' letters and of joint review meetings' minutes: checked (kind, size,
first bytes), sealed in the database (houbei.lib.sealed), read back only by the scoped download
view."""

from __future__ import annotations

import base64
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from houbei.reserves.models import ReviewScan

MAX_BYTES = 5 * 1024 * 1024
# Accepted kinds: extension → (content type, the file's first bytes).
KINDS = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}


def check(upload: UploadedFile) -> str:
    """The content type of an acceptable scan; a Chinese error naming what is wrong otherwise."""
    suffix = Path(upload.name or "").suffix.lower()
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


def store(upload: UploadedFile) -> ReviewScan:
    """A sealed row for the upload; call inside the transaction that writes its answer."""
    content_type = check(upload)
    content = b"".join(upload.chunks())
    scan = ReviewScan(
        name=Path(upload.name or "scan").name[-200:], content_type=content_type, size=len(content)
    )
    scan.content = base64.b64encode(content).decode()
    scan.save()
    return scan


def read(scan: ReviewScan) -> bytes:
    return base64.b64decode(scan.content)
