# expect: open-without-with list-comprehension-in-reducer string-concat-in-loop gc-collect-in-loop
import gc
log = open("out.log", "w")
report = ""
for name in names:
    report += name + "\n"
    gc.collect()
ok = all([check(n) for n in names])
log.write(report)
