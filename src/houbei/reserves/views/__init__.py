"""Pages of the reserves area; each view carries its one access decorator."""
