"""Looking at an uploaded workbook before any parser does: the archive's members, their sizes
as actually inflated and their ratio, and the rows and columns each sheet claims and uses.

Reads the archive with the standard library only, a chunk at a time, and stops at the first
limit passed, so a zip bomb costs at most `Limits.uncompressed_bytes` of inflating and a chunk
of memory (docs/decisions/0013-safe-reading.md)."""

from __future__ import annotations

import io
import re
import zipfile

from houbei.lib.spreadsheet.limits import LIMITS, Limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (and encrypted .xlsx)
CHUNK = 64 << 10  # inflated at a time: the memory a check takes
RATIO_FLOOR = 1 << 20  # members smaller than this are not judged by their ratio
_OVERLAP = 256
_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{0,4})(\d{0,8})(?::([A-Z]{1,4})(\d{1,8}))?"')
_ROW = re.compile(rb'<row\b[^>]*?\sr="(\d{1,10})"')
_ROW_TAG = re.compile(rb"<row\b")
_CELL = re.compile(rb'<c\b[^>]*?\sr="([A-Z]{1,6})')


class UnsafeFile(ValueError):
    """The file is refused before it is read; the message is meant for the user."""


def column_number(letters: str | bytes) -> int:
    """A -> 1, Z -> 26, AA -> 27, XFD -> 16384."""
    number = 0
    for char in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def precheck(data: bytes, limits: Limits = LIMITS) -> str:
    """ "xlsx" or "xls" when the file is within the limits; UnsafeFile with the reason else."""
    if len(data) > limits.file_bytes:
        raise UnsafeFile(f"文件超过{limits.file_bytes >> 20}MB，请分成几个文件导入")
    if data.startswith(OLE_MAGIC):
        return "xls"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise UnsafeFile("无法读取该文件，请确认是 Excel 表格（.xlsx 或 .xls）且未加密") from error
    if len(members) > limits.zip_entries:
        raise UnsafeFile("文件内部结构异常（包含的部件过多），不像是 Excel 表格")
    budget = _Budget(limits)
    for member in members:
        _check_member(archive, member, budget, limits)
    return "xlsx"


class _Budget:
    def __init__(self, limits: Limits) -> None:
        self.left = limits.uncompressed_bytes

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise UnsafeFile(
                "文件解压后过大（可能是大量重复的行或异常构造的文件），请删去多余的行后重试"
            )


def _check_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: _Budget, limits: Limits
) -> None:
    if member.file_size > limits.uncompressed_bytes:
        budget.spend(member.file_size)
    if member.file_size > RATIO_FLOOR and member.file_size > limits.ratio * max(
        member.compress_size, 1
    ):
        raise UnsafeFile("文件压缩比异常（可能是“压缩炸弹”），已拒绝读取")
    sheet = _SheetScan(member.filename, limits) if _SHEET.fullmatch(member.filename) else None
    inflated = 0
    try:
        with archive.open(member) as stream:
            tail = b""
            while chunk := stream.read(CHUNK):
                inflated += len(chunk)
                budget.spend(len(chunk))
                if inflated > RATIO_FLOOR and inflated > limits.ratio * max(
                    member.compress_size, 1
                ):
                    raise UnsafeFile("文件压缩比异常（可能是“压缩炸弹”），已拒绝读取")
                if sheet is not None:
                    sheet.scan(tail + chunk, chunk, first=inflated == len(chunk))
                    tail = chunk[-_OVERLAP:]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
        raise UnsafeFile("文件已损坏或已加密，无法读取，请重新保存后上传") from error
    if sheet is not None:
        sheet.finish()


class _SheetScan:
    """The last row and column a sheet claims (<dimension>) and uses (row and cell references;
    the row tags counted too, for rows written without a number)."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.limits = limits
        self.rows = 0
        self.row_tags = 0
        self.columns = 0

    def scan(self, text: bytes, chunk: bytes, *, first: bool) -> None:
        """`text` is `chunk` after the previous chunk's tail (a tag may span the two); row tags
        are counted in `chunk` alone, so none is counted twice."""
        if first:
            match = _DIMENSION.search(text)
            if match:
                end_col, end_row = (
                    match.group(3) or match.group(1),
                    match.group(4) or match.group(2),
                )
                self._check(int(end_row or 0), column_number(end_col or b""), claimed=True)
        numbers = _ROW.findall(text)
        if numbers:
            self.rows = max(self.rows, *map(int, numbers))
        self.row_tags += len(_ROW_TAG.findall(chunk))
        letters = set(_CELL.findall(text))
        if letters:
            self.columns = max(self.columns, *map(column_number, letters))
        self._check(max(self.rows, self.row_tags), self.columns, claimed=False)

    def finish(self) -> None:
        self._check(max(self.rows, self.row_tags), self.columns, claimed=False)

    def _check(self, rows: int, columns: int, *, claimed: bool) -> None:
        said = "声明的范围" if claimed else "实际使用的范围"
        limits = self.limits
        if rows > limits.rows:
            raise UnsafeFile(
                f"工作表{said}达到第{rows}行，超过上限{limits.rows}行；请删去多余的行，或分成几个文件导入"
            )
        if columns > limits.columns:
            raise UnsafeFile(
                f"工作表{said}达到第{columns}列，超过上限{limits.columns}列；请删去表格右侧多余的列"
            )
        if rows * columns > limits.cells:
            raise UnsafeFile(
                f"工作表{said}为{rows}行×{columns}列，超过上限{limits.cells}个单元格；请删去多余的行和列"
            )
