"""One screen per module; the app imports each lazily, when first shown."""
