# expect: dataframe-read-whole-file
import pandas as pd

df = pd.read_csv("transactions.csv")
print(df["amount"].sum())
