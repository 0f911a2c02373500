# expect: constant-list
ALLOWED_METHODS = ["GET", "POST", "PUT", "DELETE"]

def allowed(method):
    return method in ALLOWED_METHODS
