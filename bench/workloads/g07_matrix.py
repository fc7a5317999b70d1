"""G7: the textbook matrix product on nested lists (n x n), three nested loops."""


def _matrix(n: int, seed: int) -> list:
    m = []
    for i in range(n):
        row = []
        for j in range(n):
            row.append((i * seed + j * 7) % 10)
        m.append(row)
    return m


def _matmul(a: list, b: list) -> list:
    n = len(a)
    c = []
    for i in range(n):
        row = []
        for j in range(n):
            s = 0
            for k in range(n):
                s = s + a[i][k] * b[k][j]
            row.append(s)
        c.append(row)
    return c


def main(n: int) -> int:
    c = _matmul(_matrix(n, 3), _matrix(n, 5))
    total = 0
    for i in range(n):
        total = total + c[i][i] * 1000 + sum(c[i])
    return total
