import wagtail_factories

from lumen_cms.models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "About Lumen Cloud"
    intro = "Who we are."

    class Meta:
        model = StandardPage
