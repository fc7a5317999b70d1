"""Word frequency, the way one writes it in a script."""

def _normalize(word):
    word = word.strip(".,!?;:\"'()").lower()
    return word

# args: "The cat and the hat. The END!" | "" | "a a a b b c" | "Hello, hello; HELLO?"
def _word_counts(text):
    counts = {}
    for w in text.split():
        w = _normalize(w)
        if not w:
            continue
        counts[w] = counts.get(w, 0) + 1
    return counts

# args: "The cat and the hat. The END!", 2 | "a a a b b c", 5 | "", 3 | "x y z y z z", 1
def _top_words(text, n):
    counts = _word_counts(text)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ranked[:n]

# args: "The cat and the hat" | "aaa bb c" | "" 
def _longest_word(text):
    words = text.split()
    if not words:
        return None
    best = words[0]
    for w in words[1:]:
        if len(w) > len(best):
            best = w
    return best

# args: "hello world" | "Python is fun" | "a"
def _title_case(s):
    return " ".join(w[0].upper() + w[1:].lower() for w in s.split())

# args: "racecar" | "A man, a plan, a canal: Panama" | "nope" | ""
def _is_palindrome(s):
    cleaned = "".join(c.lower() for c in s if c.isalnum())
    return cleaned == cleaned[::-1]

# args: "hello world" | "aabbcc" | ""
def _char_hist(s):
    hist = {}
    for ch in s:
        if ch == " ":
            continue
        hist[ch] = hist.get(ch, 0) + 1
    return sorted(hist.items())

# args: "the quick brown fox" | "one"
def _reverse_words(s):
    return " ".join(reversed(s.split()))

# args: "abc", 1 | "xyz", 3 | "Hello, World!", 13 | "abc", -1
def _caesar(s, shift):
    out = []
    for c in s:
        if "a" <= c <= "z":
            out.append(chr((ord(c) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= c <= "Z":
            out.append(chr((ord(c) - ord("A") + shift) % 26 + ord("A")))
        else:
            out.append(c)
    return "".join(out)
