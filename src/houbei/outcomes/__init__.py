"""Cultivation II (docs/design.md §4): the scored evaluation, the opinion poll, appointment,
commendation and removal, the election's result and the round's targets measured live."""
