"""The assessment engine: measures (inputs), rows (the raw reads), scoring (the rules compiled to
Python), reference (the rules' meaning, a plain interpreter), run (writing snapshots), source
(the generated source, shown), explain (why). The same colours in one SQL statement, for the
benchmark and the agreement test, are a development tool: houbei.devtools.risk_sql."""
