"""Decision panels for the notebook (ipywidgets)."""
