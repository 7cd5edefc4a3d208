"""Settings for the page benchmark only (bench/pages.py): the product's, plus a hello-world URL.

The hello-world view is the ceiling every page is compared with; it goes through the
same middleware, so it lives here and never in the product's URLs.
"""

from factdesk.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
