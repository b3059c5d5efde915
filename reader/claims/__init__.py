"""Claims: what the reader finds out about a highlighted claim (who the text attributes it to).

What an attribution is: reader/claims/model.py; finding it: reader/claims/attribution.py
(`attribute`, `DocumentAttributions`). The package imports neither, so a reader of stored
attributions (an export whose sidecars hold every highlight's place) never loads the cue
tables that find them.

Pure core code: no screen library here (the import-linter contract in pyproject.toml says so).
"""
