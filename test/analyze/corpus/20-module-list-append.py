# expect: global-container-growth
history = []

def log_event(event):
    history.append(event)
