"""The Lumen Cloud site as structured seed data, and the steps that load it.

`load_lumen_site` creates the home page and the shell's own pages, runs the app steps in
order, then fills any menu target still missing with a StandardPage and builds the
navigation settings.
Each step is idempotent: it finds pages by slug under the home page and updates them.
"""

APP_STEPS = [
    "lumen_cms.seed.catalog.load",
    "lumen_cms.seed.legal.load",
    "lumen_cms.seed.forms.load",
    "lumen_cms.seed.resources.load",
]
