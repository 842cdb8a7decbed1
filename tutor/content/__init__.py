"""Content packs: the model, the loader and the validator. Never imports textual."""
