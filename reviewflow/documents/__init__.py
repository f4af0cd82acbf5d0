"""Documents: reading drafts and rendering letters (Word in, bytes out), no database writes."""
