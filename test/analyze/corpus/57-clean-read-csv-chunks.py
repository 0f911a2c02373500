# expect: clean
import pandas as pd

for chunk in pd.read_csv("big.csv", chunksize=100_000):
    summarize(chunk)
small = pd.read_csv("lookup.csv", usecols=["id", "name"], dtype={"id": "int32"})
