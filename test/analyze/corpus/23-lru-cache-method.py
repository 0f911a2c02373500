# expect: cache-on-method
from functools import lru_cache

class PriceService:
    def __init__(self, client):
        self.client = client

    @lru_cache(maxsize=256)
    def price(self, sku):
        return self.client.fetch(sku)
