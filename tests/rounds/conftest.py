"""The reserves fixtures (a round, candidates walked through the pipeline) for the rules tests."""

from tests.reserves.conftest import election_round, walk, young

__all__ = ["election_round", "walk", "young"]
