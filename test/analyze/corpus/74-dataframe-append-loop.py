# expect: array-growth-in-loop
import pandas as pd

results = pd.DataFrame(columns=["id", "score"])
for item in items:
    results = results.append({"id": item.id, "score": item.score}, ignore_index=True)
