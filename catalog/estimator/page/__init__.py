"""The EstimatorPage's view data (Django): its form, controls and template context."""
