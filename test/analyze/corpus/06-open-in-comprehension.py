# expect: open-without-with
words = [w.strip() for w in open("words.txt")]
print(len(words))
