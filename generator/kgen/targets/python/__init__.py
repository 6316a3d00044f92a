"""The Python target: msgspec models and an httpx client, black-formatted."""
