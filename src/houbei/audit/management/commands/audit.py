"""`houbei audit verify`: checks the hash chain of the audit log, its ids, the items of batch
entries (imports) and the objects they created, and the latest signed checkpoint; exit status 1
when broken. `houbei audit checkpoint`: writes a signed checkpoint (houbei.audit.checkpoints)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from houbei.audit import checkpoints
from houbei.audit.models import AuditEntry
from houbei.audit.services import verify_batches, verify_chain


class Command(BaseCommand):
    help = "审计日志工具：verify 校验哈希链、编号连续和最新检查点；checkpoint 写入签名检查点。"

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        verify = commands.add_parser("verify", help="校验审计日志哈希链、编号连续和最新检查点")
        verify.add_argument(
            "--checkpoint", type=Path, help="检查点文件（默认 AUDIT_CHECKPOINT_FILE）"
        )
        point = commands.add_parser("checkpoint", help="写入签名检查点（记录数和末条哈希）")
        point.add_argument("--file", type=Path, help="检查点文件（默认 AUDIT_CHECKPOINT_FILE）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self.verify(options.get("checkpoint"))
        else:
            self.checkpoint(options.get("file"))

    def verify(self, path: Path | None) -> None:
        problems = list(verify_chain())
        problems += list(verify_batches())
        checkpoint = checkpoints.latest(path)
        if checkpoint is not None:
            problems += list(checkpoints.check(checkpoint))
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"审计日志哈希链已损坏：发现 {len(problems)} 处问题。", returncode=1)
        count = AuditEntry.objects.count()
        against = (
            f"，与 {checkpoint['at']} 的检查点（{checkpoint['count']} 条）一致"
            if checkpoint is not None
            else "（尚无检查点，请定期运行 houbei audit checkpoint）"
        )
        self.stdout.write(f"审计日志哈希链完整、编号连续：共 {count} 条记录{against}。")

    def checkpoint(self, path: Path | None) -> None:
        checkpoint = checkpoints.take()
        written = checkpoints.write(checkpoint, path)
        self.stdout.write(json.dumps(checkpoint, sort_keys=True))
        self.stderr.write(f"检查点已追加到 {written}")
