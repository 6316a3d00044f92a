"""Writing the output directory: staged, journaled, never following or touching what kgen did not create."""
