"""Decisions every target makes alike, made once between the IR and the targets.

Language-neutral like the IR: option sets and enum sets are named with
words, names are made unique per scope in one order; each target only
spells names, types and literals (its naming and types modules).
"""
