# expect: array-growth-in-loop
import numpy as np
samples = np.empty(0)
for reading in sensor:
    samples = np.append(samples, reading.value)
