"""Code the four apps share, in their wheel: a plain package, not a Django app."""
