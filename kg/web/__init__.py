"""The web app: HTML pages (kg.web.pages) over the same library functions as the CLI."""
