"""The Gradio web app: a thin layer over the Python API."""
