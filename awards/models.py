"""Scoring, peer voting, award proposals and decisions (later issues)."""
