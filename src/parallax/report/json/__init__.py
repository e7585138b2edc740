"""The JSON report: the stable, versioned contract of docs/schema.md."""
