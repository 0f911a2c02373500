# expect: gc-disabled
import gc

def bulk_load(rows):
    gc.disable()
    return [Record(r) for r in rows]
