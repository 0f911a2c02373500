# expect: clean
import numpy as np
import pandas as pd

def summarize(path):
    totals = []
    for chunk in pd.read_csv(path, chunksize=50_000, usecols=["amount"]):
        totals.append(chunk["amount"].sum())
    amounts = np.asarray(totals, dtype=np.float64)
    return float(amounts.sum())
