# expect: clean
import numpy as np
pieces = []
for reading in sensor:
    pieces.append(reading.values)
samples = np.concatenate(pieces)
grid = np.zeros((1000, 1000))
