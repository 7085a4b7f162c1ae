"""Reports: mid-year and year-end reports of the member units (next issue)."""
