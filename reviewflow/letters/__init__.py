"""Pages for the response letter: progress, download, regeneration, template upload, XLSX export."""
