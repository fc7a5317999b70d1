# CPython oracle for the differential suite: runs every `# args:` case of the functions in
# one contract source file and prints one JSON line per case with the canonical rendering
# of the arguments and of the result (or the exception kind).
import json, signal, sys

# vm-py refuses ints over its cap (4096 bits, ~1234 digits) long before CPython's 4300-digit
# str() limit; lift the limit so that rendering a huge CPython result is a cap case, not a crash
sys.set_int_max_str_digits(0)


class Slow(Exception):
    pass


def _alarm(_sig, _frame):
    raise Slow()

def canon(v):
    if v is None: return None
    if isinstance(v, bool): return {"b": v}
    if isinstance(v, int): return {"i": str(v)}
    if isinstance(v, (bytes, bytearray)): return {"y": bytes(v).hex()}
    if isinstance(v, str): return {"s": v}
    if isinstance(v, list): return {"l": [canon(x) for x in v]}
    if isinstance(v, tuple): return {"t": [canon(x) for x in v]}
    if isinstance(v, dict): return {"d": [[canon(k), canon(x)] for k, x in v.items()]}
    if type(v).__name__ in ("dict_keys", "dict_values", "dict_items"): return {"v": [type(v).__name__, [canon(x) for x in v]]}
    raise TypeError("cannot render %r" % type(v))

def main():
    for path in sys.argv[1:]:
        src = open(path).read()
        ns = {}
        exec(compile(src, path, "exec"), ns)
        lines = src.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("# args:"):
                continue
            j = i + 1
            while not lines[j].startswith("def "):
                j += 1
            name = lines[j][4:].split("(")[0]
            for k, text in enumerate(line[len("# args:"):].split(" | ")):
                args = eval("(" + text.strip() + ",)") if text.strip() else ()
                out = {"file": path, "fn": name, "case": k, "line": j + 1, "args": [canon(a) for a in args]}
                # CPython has no int cap: a generated program can compute for ever where vm-py
                # refuses at its cap; such a case is reported as "slow" instead of hanging
                signal.signal(signal.SIGALRM, _alarm)
                signal.setitimer(signal.ITIMER_REAL, 0.5)
                try:
                    r = ns[name](*args)
                except Slow:
                    out["raise"] = "slow"
                    print(json.dumps(out))
                    continue
                except Exception as e:
                    out["raise"] = type(e).__name__
                else:
                    # a float result has no vm-py counterpart: vm-py must refuse instead
                    out.update({"raise": "float"} if isinstance(r, float) else {"ok": canon(r)})
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                print(json.dumps(out))

main()
