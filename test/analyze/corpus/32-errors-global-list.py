# expect: stored-exception global-container-growth
FAILURES = []

def attempt(job):
    try:
        job()
    except Exception as e:
        FAILURES.append((job, e))
