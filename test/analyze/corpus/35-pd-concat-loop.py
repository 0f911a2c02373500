# expect: array-growth-in-loop dataframe-read-whole-file
import pandas as pd
df = pd.DataFrame()
for path in paths:
    part = pd.read_csv(path)
    df = pd.concat([df, part])
