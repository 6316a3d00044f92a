"""Template packs shipped with kgen, one directory per target."""
