"""Objects every stage shares: facts, codes, the catalog, settings, versions, files, errors."""
