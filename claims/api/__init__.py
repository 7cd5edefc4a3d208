"""The claims part of the JSON API (mounted by factdesk.api_urls).

serializers  what events, claims, reviews and their reports look like as JSON
filters      the query parameters each list accepts
views        the viewsets: reads through claims.selectors, writes through claims.services

The conventions every endpoint shares (errors, paging, permissions) are factdesk.api's.
"""
