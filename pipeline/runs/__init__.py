"""Rules every launcher obeys: what can be skipped, one run per data folder, batching."""
