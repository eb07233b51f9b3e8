"""Citizens' Juries: a pool of volunteers, quotas, the fairest lottery and its audited draw, and
the jury's process from its first session to its verdict, public forum and final report."""
