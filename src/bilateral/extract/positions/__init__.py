"""Positions (what a holder says of something) and plans (what holders undertake)."""
