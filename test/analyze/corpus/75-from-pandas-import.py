# expect: dataframe-read-whole-file
from pandas import read_json

events = read_json("events.json")
