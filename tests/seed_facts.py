"""What the seed articles hold that the desk must never treat as reporting."""

# The page furniture the product owner listed for the seeds.
FURNITURE = [
    "Share link",
    "Disclaimer",
    "Subscribe",
    "connection:",
    "Skip to main content",
    "Translate Now",
    "Read Entire Article",
    "About the author",
]
