# expect: clean
# A registration API keeps exactly what callers register.
_reload_hooks = []
_roles = {}

def add_reload_hook(fn):
    _reload_hooks.append(fn)

def register_role(name, role_fn):
    _roles[name.lower()] = role_fn
