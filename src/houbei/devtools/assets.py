"""Install the front-end libraries from package-lock.json and copy what the app serves.

    python -m houbei.devtools.assets

runs ``npm ci`` when node_modules is missing or older than package-lock.json,
then copies the few dist files the templates load into static/vendor/ (git-ignored).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import houbei

PROJECT_ROOT = Path(houbei.__file__).resolve().parents[2]
VENDOR_DIR = Path(houbei.__file__).resolve().parent / "static" / "vendor"
NPM_MISSING = (
    "未找到 npm：请先安装 Node.js 和 npm（Debian：apt-get install nodejs npm）。\n"
    "npm not found: install Node.js and npm (Debian: apt-get install nodejs npm)."
)
SOURCE_MAP = re.compile(rb"^//# sourceMappingURL=(\S+)\s*$", re.MULTILINE)


class AssetError(RuntimeError):
    """The front-end libraries could not be installed or copied."""


@dataclass(frozen=True)
class Asset:
    package: str
    # Paths inside the package, best first: the first one that exists is copied.
    choices: tuple[str, ...]


ASSETS = (
    Asset("htmx.org", ("dist/htmx.min.js",)),
    Asset("chart.js", ("dist/chart.umd.min.js", "dist/chart.umd.js")),
)


def needs_install(root: Path) -> bool:
    installed = root / "node_modules" / ".package-lock.json"
    lock = root / "package-lock.json"
    return not installed.exists() or lock.stat().st_mtime > installed.stat().st_mtime


def npm_ci(root: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError(NPM_MISSING)
    command = [npm, "ci", "--no-audit", "--no-fund"]
    if subprocess.call(command, cwd=root) != 0:  # noqa: S603 - npm from PATH, fixed arguments
        raise AssetError("npm ci 失败 / npm ci failed: see its output above.")


def source_of(root: Path, asset: Asset) -> Path:
    package = root / "node_modules" / asset.package
    for choice in asset.choices:
        if (package / choice).is_file():
            return package / choice
    raise AssetError(f"{asset.package}: none of {', '.join(asset.choices)} exists in {package}")


def files_to_copy(root: Path) -> list[Path]:
    """The dist files, each followed by the source map it names (Django may follow the link)."""
    files = []
    for asset in ASSETS:
        source = source_of(root, asset)
        files.append(source)
        mapped = SOURCE_MAP.search(source.read_bytes())
        if mapped:
            source_map = source.parent / mapped.group(1).decode()
            if not source_map.is_file():
                raise AssetError(f"{source.name} names a missing source map: {source_map}")
            files.append(source_map)
    return files


def copy_into(files: list[Path], target: Path) -> None:
    """Make ``target`` hold exactly ``files``; unchanged files keep their timestamps."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = {source.name for source in files}
    for stale in target.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    for source in files:
        destination = target / source.name
        if not destination.exists() or destination.read_bytes() != source.read_bytes():
            shutil.copyfile(source, destination)


def build(root: Path = PROJECT_ROOT, target: Path = VENDOR_DIR) -> list[Path]:
    if not (root / "package-lock.json").is_file():
        raise AssetError(f"package-lock.json not found in {root}")
    if needs_install(root):
        npm_ci(root)
    files = files_to_copy(root)
    copy_into(files, target)
    return [target / source.name for source in files]


def main() -> int:
    try:
        copied = build()
    except AssetError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"assets: {', '.join(path.name for path in copied)} -> {VENDOR_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
