"""Performance bench: a national-scale data generator and a page-by-page load test.

See bench/README.md. Nothing in the application imports this package.
"""
