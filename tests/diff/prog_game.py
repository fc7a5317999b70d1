"""A tiny game simulation: tic-tac-toe board checks and a grid walk."""

# args: ["X", "O", "X", "O", "X", "O", "O", "X", "X"] | ["X", "X", "X", " ", "O", "O", " ", " ", " "] | [" "] * 9
def _winner(board):
    lines = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]
    for a, b, c in lines:
        if board[a] != " " and board[a] == board[b] == board[c]:
            return board[a]
    if " " not in board:
        return "draw"
    return None

# args: ["X", "O", "X", "O", "X", "O", "O", "X", "X"]
def _render(board):
    rows = [board[i:i + 3] for i in range(0, 9, 3)]
    return "\n-+-+-\n".join("|".join(r) for r in rows)

# args: "RRUULD" | "" | "LLLL" | "UDUDRLRL"
def _walk(moves):
    x = y = 0
    visited = {(0, 0): 1}
    dirs = {"U": (0, 1), "D": (0, -1), "L": (-1, 0), "R": (1, 0)}
    for m in moves:
        dx, dy = dirs[m]
        x += dx
        y += dy
        visited[(x, y)] = visited.get((x, y), 0) + 1
    twice = [p for p, n in visited.items() if n > 1]
    return (x, y), abs(x) + abs(y), twice

# args: 3, 4 | 1, 1 | 0, 5
def _grid(w, h):
    g = [[0] * w for _ in range(h)]
    for i in range(h):
        for j in range(w):
            g[i][j] = i * w + j
    diag = [g[i][i] for i in range(min(w, h))]
    return g, diag, [row[::-1] for row in g][::-1] if g else []

# args: [3, 0, 2, 0, 4] | [] | [1, 2, 3]
def _rain(heights):
    n = len(heights)
    if n == 0:
        return 0
    left = [0] * n
    right = [0] * n
    left[0] = heights[0]
    for i in range(1, n):
        left[i] = max(left[i - 1], heights[i])
    right[-1] = heights[-1]
    for i in range(n - 2, -1, -1):
        right[i] = max(right[i + 1], heights[i])
    return sum(min(l, r) - h for l, r, h in zip(left, right, heights))
