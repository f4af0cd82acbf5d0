"""The reports pages (issue 11): charts with their tables, filters in the URL, XLSX and CSV exports."""
