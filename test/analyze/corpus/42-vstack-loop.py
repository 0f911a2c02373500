# expect: array-growth-in-loop
import numpy as np
matrix = np.zeros((0, 3))
for row in rows:
    matrix = np.vstack([matrix, row])
