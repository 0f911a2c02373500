# expect: global-statement
history = []

def record(event):
    global history
    history = history + [event]
