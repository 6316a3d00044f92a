"""The language-neutral intermediate representation that every target renders."""
