"""The rulebook: a round's rules as one whole, joined from the sections each area owns.

rounds/rules.py (committee, age caps, education, targets), reserves/rules.py (criteria,
disqualifiers, review departments, recommendation, pool) and risk/rules.py (risk) each declare
their sections (default with its source, validator, title, help) and a typed view their services
read. This package joins them with plain imports (`registry`), creates rounds with the default
rules and saves edited sections (`services`), and serves the rules editor (`views`, under the
URL namespace "rounds", at /rounds/).
"""
