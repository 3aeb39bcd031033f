"""The CJK font the PDF briefing is drawn with, found on the system when it is needed.

Nothing is shipped: `fonts-noto-cjk` (Debian) puts Noto Sans CJK where FONT_DIRS look, and
`DOCUMENT_FONT` may name another file (a .ttf, .otf or .ttc holding simplified Chinese)."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
# Preferred files, best first; the number is the face inside a collection (2: the SC face of
# Noto Sans CJK's .ttc, whose faces are JP, KR, SC, TC, HK).
CANDIDATES = (
    ("NotoSansCJK-Regular.ttc", 2),
    ("NotoSansCJKsc-Regular.otf", 0),
    ("NotoSansSC-Regular.otf", 0),
    ("NotoSerifCJK-Regular.ttc", 2),
    ("wqy-microhei.ttc", 0),
    ("wqy-zenhei.ttc", 0),
    ("simsun.ttc", 0),
    ("msyh.ttc", 0),
)


class FontMissing(Exception):
    """No CJK font on this machine; the message is meant for the user."""


@dataclass(frozen=True)
class Font:
    path: Path
    face: int


MISSING = (
    "无法生成 PDF：服务器上没有找到中文字体。请管理员安装 Noto CJK 字体"
    "（Debian/Ubuntu：apt-get install fonts-noto-cjk），或用 DOCUMENT_FONT 指定字体文件；"
    "Word 版周报不受影响。"
)


def find_font() -> Font:
    configured = getattr(settings, "DOCUMENT_FONT", "")
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise FontMissing(f"{MISSING}（DOCUMENT_FONT 指定的 {path} 不存在）")
        return Font(path, 2 if path.name.startswith("NotoS") and path.suffix == ".ttc" else 0)
    found = _search()
    if found is None:
        raise FontMissing(MISSING)
    return found


@functools.cache
def _search() -> Font | None:
    """The first candidate installed (looked for once per process)."""
    for name, face in CANDIDATES:
        for folder in FONT_DIRS:
            if not folder.is_dir():
                continue
            found = next(iter(sorted(folder.rglob(name))), None)
            if found is not None:
                return Font(found, face)
    return None


ASCII = "".join(chr(code) for code in range(32, 127))


def truetype_subset(font: Font, text: str) -> bytes:
    """The glyphs of `text` (and ASCII) as a small TrueType font.

    Noto CJK has CFF outlines; fpdf2 embeds those with an encoding CMap that some text
    extractors (pypdf among them) misread, so the subset is converted to TrueType outlines
    (fontTools' cu2qu, within 1 unit of the original curves), which fpdf2 writes as
    Identity-H: every reader then gets the Chinese text back."""
    loaded = TTFont(str(font.path), fontNumber=font.face)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + ASCII)
    subsetter.subset(loaded)
    if "CFF " in loaded:
        _to_truetype(loaded)
    buffer = io.BytesIO()
    loaded.save(buffer)
    return buffer.getvalue()


def _to_truetype(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    quadratic = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        quadratic[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quadratic
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in MAXP_ZEROES:
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\x00\x01\x00\x00"


MAXP_ZEROES = (
    "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
    "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
)  # fmt: skip
