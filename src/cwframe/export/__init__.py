"""Export formats: one module per format; ops/export.py chooses and writes atomically."""
