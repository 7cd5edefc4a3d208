"""Search engines read the reader site and its sitemap, never the desk or the API."""


def test_robots_txt_allows_readers_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Allow: /" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_refuses_writes(client):
    assert client.post("/robots.txt").status_code == 405
