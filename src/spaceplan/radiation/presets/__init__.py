"""TOML data for spaceplan.radiation (each number with its source in a comment)."""
