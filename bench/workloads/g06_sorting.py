"""G6: sort records (tuples) with key= lambdas, by one field and by a tuple key; list.sort(reverse=True)."""


def main(n: int) -> int:
    records = []
    i = 0
    while i < n:
        records.append((i * 7919 % 1009, "name" + str(i % 97), i))
        i = i + 1
    by_score = sorted(records, key=lambda r: r[0])
    by_name = sorted(records, key=lambda r: (r[1], -r[2]))
    nums = [r[2] * 31 % 1000 for r in records]
    nums.sort(reverse=True)
    acc = 0
    for j in range(0, n, 7):
        acc = acc + by_score[j][2] * 3 + by_name[j][2] * 5 + nums[j]
    return acc
