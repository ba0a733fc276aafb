"""Fuzzing of the inputs: seeded mutations of scenario files and calendars (issue 16).

``python -m benchmarks fuzz`` runs it (see :mod:`benchmarks.fuzz.run`); the mutations and
their labels are in :mod:`benchmarks.fuzz.mutations` and :mod:`benchmarks.fuzz.calendars`.
"""
