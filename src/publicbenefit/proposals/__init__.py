"""Data-sharing proposals: what is to be shared, by whom, why, on what lawful basis, and where
each proposal stands."""
