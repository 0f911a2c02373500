# expect: clean
request_count = 0

def handle(request):
    global request_count
    request_count += 1
    return respond(request)
