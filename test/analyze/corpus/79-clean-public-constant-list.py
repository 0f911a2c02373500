# expect: clean
# A public constant list: another module may extend or concatenate it, so a tuple could break it.
ALLOWED_METHODS = ["GET", "POST", "PUT", "DELETE"]

def allowed(method):
    return method in ALLOWED_METHODS
