# expect: getsizeof-container
import sys
data = [str(i) * 100 for i in range(10000)]
print("memory used:", sys.getsizeof(data), "bytes")
