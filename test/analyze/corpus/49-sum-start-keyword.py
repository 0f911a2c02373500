# expect: sum-of-lists
all_items = sum((page.items for page in pages), start=[])
