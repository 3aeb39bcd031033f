"""The assessment engine: measures (inputs), scoring (rules), run (writing snapshots), sql (the
same colours in one statement, for the benchmark and the agreement test), explain (why)."""
