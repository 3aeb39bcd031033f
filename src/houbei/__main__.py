"""The `houbei` command: Django's management commands plus houbei's own (demo, import, ...)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "houbei.settings")
    from django.core.management import execute_from_command_line

    from houbei.lib.datadir import DataDirError, prepare

    try:
        prepare()
    except DataDirError as error:
        print(f"houbei: {error}", file=sys.stderr)
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
