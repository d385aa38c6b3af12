"""Core astrodynamics: constants, time scales, frames, ephemeris, two-body motion, Lambert's problem."""
