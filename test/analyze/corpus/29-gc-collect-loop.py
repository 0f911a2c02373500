# expect: gc-collect-in-loop
import gc
for batch in batches:
    process(batch)
    gc.collect()
