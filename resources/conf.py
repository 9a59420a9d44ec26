"""Settings this app reads, each with the default a host project gets.

``LUMEN_BASE_TEMPLATE`` (default ``"base.html"``): the host's base template this
app's pages extend (``lumen_kit.host_templates``, shared by the four apps).
"""

# Re-exported ("x as x"): code and hosts import these from the app's conf.
from lumen_kit.host_templates import HostBaseTemplateMixin as HostBaseTemplateMixin
from lumen_kit.host_templates import base_blocks as base_blocks
from lumen_kit.host_templates import base_template as base_template
