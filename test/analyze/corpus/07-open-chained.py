# expect: open-without-with readlines-into-list
lines = open("/var/log/app.log").readlines()
errors = [l for l in lines if "ERROR" in l]
