"""Decision-support commands (issue 6): compare, exposure, explain."""
