# expect: clean
import gc

def critical():
    gc.disable()
    try:
        run()
    finally:
        gc.enable()
gc.collect()
print(gc.get_count())
