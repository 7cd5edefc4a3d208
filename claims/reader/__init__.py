"""The reader site: public pages, search, feeds and sitemaps of published events.

views     the pages (home, event, claim, article, outlet, search)
urls      their addresses (included by factdesk.urls)
search    the reader search form applied to claims and articles
feeds     RSS/Atom of decisions
sitemaps  canonical paths and sitemap.xml

Its template tags live in claims/templatetags/, where Django looks for them. It reads
through claims.selectors and never imports the API or the admin (pyproject.toml contracts).
"""
