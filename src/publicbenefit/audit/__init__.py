"""The audit trail: an append-only record of every staff action that reads or changes personal
data, changes an assessment, a decision, a quota or a draw: who, what, when and from where."""
