"""Stack-based algorithms without recursion."""

# args: "3 4 + 2 *" | "5 1 2 + 4 * + 3 -" | "2 3 4 * +"
def _rpn(expr):
    stack = []
    for tok in expr.split():
        if tok.isdigit():
            stack.append(int(tok))
            continue
        b = stack.pop()
        a = stack.pop()
        if tok == "+":
            stack.append(a + b)
        elif tok == "-":
            stack.append(a - b)
        elif tok == "*":
            stack.append(a * b)
        elif tok == "/":
            stack.append(a // b)
    return stack[-1] if stack else None

# args: {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": [], "e": []}, "a"
def _dfs(graph, start):
    seen = []
    stack = [start]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen.append(node)
        for nxt in reversed(graph[node]):
            if nxt not in seen:
                stack.append(nxt)
    return seen

# args: {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": [], "e": []}, "a"
def _bfs_levels(graph, start):
    levels = {start: 0}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for nxt in graph[node]:
            if nxt not in levels:
                levels[nxt] = levels[node] + 1
                queue.append(nxt)
    by_level = {}
    for node, lvl in levels.items():
        by_level.setdefault(lvl, []).append(node)
    return by_level

# args: [5, 3, 8, 1, 4, 7, 9] | []
def _bst_inorder(values):
    # a tree as parallel lists: left/right child indexes
    keys, left, right = [], [], []
    for v in values:
        keys.append(v)
        left.append(-1)
        right.append(-1)
        i = len(keys) - 1
        if i == 0:
            continue
        cur = 0
        while True:
            if v < keys[cur]:
                if left[cur] == -1:
                    left[cur] = i
                    break
                cur = left[cur]
            else:
                if right[cur] == -1:
                    right[cur] = i
                    break
                cur = right[cur]
    out = []
    stack = []
    cur = 0 if keys else -1
    while stack or cur != -1:
        while cur != -1:
            stack.append(cur)
            cur = left[cur]
        cur = stack.pop()
        out.append(keys[cur])
        cur = right[cur]
    return out

# args: [[0, 1, 0], [0, 0, 0], [1, 1, 0]]
def _flood(grid):
    h, w = len(grid), len(grid[0])
    seen = {}
    regions = 0
    for r in range(h):
        for c in range(w):
            if grid[r][c] or (r, c) in seen:
                continue
            regions += 1
            todo = [(r, c)]
            while todo:
                y, x = todo.pop()
                if (y, x) in seen:
                    continue
                seen[(y, x)] = regions
                for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < h and 0 <= nx < w and not grid[ny][nx]:
                        todo.append((ny, nx))
    return regions, len(seen)
