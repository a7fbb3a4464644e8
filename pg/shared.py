#!/usr/bin/env python3
"""shared.py: one regress case of the SQLite suite (regress/sql/T.sql) on PostgreSQL, printed the
way regress/run.sh prints it (the sqlite3 shell: .headers on, .mode list, .nullvalue NULL,
.echo on, errors as `ERROR: message`), so that its output can be compared with the SQLite
expected output itself (regress/expected/T.out).

  pg/shared.py PORT CASE.sql OUT.out

It makes a fresh database ords_shared (dropped first), creates the extension's test flavour
(ords_security_test) and the schema sqlite_compat (pg/shared_compat.sql: the SQLite functions and
operators the cases use, defined for the test database only), with the search_path
sqlite_compat, pg_catalog, public, ords_security, then reads CASE.sql as the sqlite3 shell does:

- echo: a line that is blank or only a comment (outside a statement) is printed as it is; a
  statement (or several on one line) is printed once complete, from its first non-blank
  character to the end of the line of its `;`, then run; after an error the rest of that input
  is not run (the shell's rule);
- results: a header line (the shell's column names: an alias, a column's name, otherwise the
  expression's text as written), one line a row, `|` between values, NULL as NULL; nothing for
  no rows; booleans as 1 and 0 (SQLite has no boolean);
- errors: `ERROR: message`, with the SQLite result code the shell appends for the extension's
  errors: (19) for 23000 (constraint), (8) for 25006 (read-only), (18) for 54000 (too big),
  (5) for 55P03 (busy);
- the only translations of the SQL text (outside literals and comments; the echo shows the text
  as written): json_object( and json_array( are json_build_object( and json_build_array( (the
  same calls; PostgreSQL's json_object is another function), and `X glob 'pattern'` is
  `X ~ 'regex'` (`not glob`: `!~`);
- dot-commands: .headers on|off, .echo on|off, .mode list, .nullvalue TEXT; any other is an
  error line (the case is not shareable).

Exit status: 0 the case ran (whatever its output), 2 it could not run (no server, no extension).
"""
import re
import sys

import psycopg2
import psycopg2.extensions
import psycopg2.extras

KEYWORDS_END_LIST = {"from", "where", "group", "having", "order", "limit", "union", "intersect",
                     "except", "window"}
NOT_ALIAS = {"null", "not", "and", "or", "is", "end", "distinct", "true", "false", "then", "else",
             "when", "case", "in", "like", "glob", "between", "escape", "asc", "desc", "exists"}
ERR_SUFFIX = {"23000": " (19)", "25006": " (8)", "54000": " (18)", "55P03": " (5)"}


def tokens(sql):
    """(kind, text, start, end) for each token; kinds: str, qid, id, num, op, ws, comment."""
    i, n = 0, len(sql)
    out = []
    while i < n:
        c = sql[i]
        if c.isspace():
            j = i
            while j < n and sql[j].isspace():
                j += 1
            out.append(("ws", sql[i:j], i, j))
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            j = n if j < 0 else j
            out.append(("comment", sql[i:j], i, j))
        elif sql.startswith("/*", i):
            j = sql.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(("comment", sql[i:j], i, j))
        elif c in "'\"`":
            j = i + 1
            while j < n:
                if sql[j] == c:
                    if j + 1 < n and sql[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            j = min(j + 1, n)
            out.append(("str" if c == "'" else "qid", sql[i:j], i, j))
        elif c.isalpha() or c == "_":
            j = i
            while j < n and (sql[j].isalnum() or sql[j] in "_$"):
                j += 1
            out.append(("id", sql[i:j], i, j))
        elif c.isdigit():
            j = i
            while j < n and (sql[j].isalnum() or sql[j] == "."):
                j += 1
            out.append(("num", sql[i:j], i, j))
        else:
            for op in ("->>", "->", "||", "<>", "!=", "<=", ">=", "==", "<<", ">>"):
                if sql.startswith(op, i):
                    out.append(("op", op, i, i + len(op)))
                    i += len(op)
                    break
            else:
                out.append(("op", c, i, i + 1))
                i += 1
            continue
        i = j
    return out


def complete(sql):
    """sqlite3_complete, near enough: the last token that is not blank or a comment is `;`."""
    toks = [t for t in tokens(sql) if t[0] not in ("ws", "comment")]
    if not toks or toks[-1][1] != ";":
        return False
    last = toks[-1][2]
    # an unterminated literal or comment swallows the `;`
    for k, text, s, e in tokens(sql):
        if k == "str" and (len(text) < 2 or not text.endswith("'")) and s < last:
            return False
        if k == "comment" and text.startswith("/*") and not text.endswith("*/"):
            return False
    return True


def statements(chunk):
    """Split a complete chunk into statements at top-level `;`."""
    out, start = [], 0
    for k, text, s, e in tokens(chunk):
        if k == "op" and text == ";":
            stmt = chunk[start:e]
            if any(t[0] not in ("ws", "comment") and t[1] != ";" for t in tokens(stmt)):
                out.append(stmt)
            start = e
    return out


def glob_to_regex(pat):
    out, i = ["^"], 0
    while i < len(pat):
        c = pat[i]
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "[":
            j = pat.find("]", i + 2)
            if j < 0:
                out.append("\\[")
            else:
                body = pat[i + 1:j]
                if body.startswith("^"):
                    body = "^" + body[1:]
                out.append("[" + body + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    out.append("$")
    return "".join(out)


def translate(stmt):
    toks = tokens(stmt)
    sig = [j for j, t in enumerate(toks) if t[0] not in ("ws", "comment")]
    nxt = {sig[a]: sig[a + 1] for a in range(len(sig) - 1)}
    out, skip, neg = [], set(), False
    # a subquery in FROM without an alias gets one (PostgreSQL 15 needs it, SQLite does not)
    clause, depth, opens, alias_after, prev = {0: ""}, 0, [], set(), None
    for j in sig:
        x = toks[j][1].lower()
        if x == "(":
            opens.append((j, clause.get(depth, ""), toks[prev][1].lower() if prev is not None else ""))
            depth += 1
            clause[depth] = ""
        elif x == ")" and opens:
            o, cl, before = opens.pop()
            depth -= 1
            first = nxt.get(o)
            if (cl in ("from", "join") and before in ("from", "join", ",") and first is not None
                    and toks[first][1].lower() in ("select", "values", "with")):
                after = toks[nxt[j]][1].lower() if j in nxt else ""
                if after in ("", ";", ")", ",", "where", "order", "group", "limit", "join", "left", "inner",
                             "cross", "union", "on", "having", "natural", "except", "intersect"):
                    alias_after.add(j)
        elif toks[j][0] == "id" and x in ("select", "from", "join", "where", "group", "order", "having", "limit", "on", "set", "values"):
            clause[depth] = x
        prev = j
    # SQLite sorts NULL first ascending, last descending; PostgreSQL the other way round
    nulls_after = {}
    stack = []  # per depth: inside ORDER BY?
    in_order = [False]
    for a, j in enumerate(sig):
        x = toks[j][1].lower()
        if x == "(":
            in_order.append(False)
            continue
        if x == ")":
            if in_order[-1] and a > 0:
                nulls_after[sig[a - 1]] = True
            in_order.pop()
            if not in_order:
                in_order = [False]
            continue
        if x == "order" and j in nxt and toks[nxt[j]][1].lower() == "by":
            in_order[-1] = True
            continue
        if in_order[-1]:
            if x in (",", ";", "limit", "offset", "window"):
                if a > 0 and toks[sig[a - 1]][1].lower() != "by":
                    nulls_after[sig[a - 1]] = True
                if x != ",":
                    in_order[-1] = False
            elif x == "nulls":
                in_order[-1] = "nulls"
        if in_order[-1] == "nulls" and x in (",", ";", "limit", "offset"):
            in_order[-1] = x == ","
    if in_order[-1] is True and sig:
        nulls_after[sig[-1]] = True
    # CREATE TABLE t(a, b): SQLite's columns without a type; here text
    typeless = set()
    low_sig = [toks[j][1].lower() for j in sig]
    if low_sig[:2] == ["create", "table"] or low_sig[:3] in (["create", "temp", "table"], ["create", "temporary", "table"]):
        a = low_sig.index("table") + 2
        if a < len(sig) and low_sig[a] == "(":
            depth, item = 0, []
            for b in range(a + 1, len(sig)):
                x = low_sig[b]
                if x == "(":
                    depth += 1
                elif x == ")" and depth > 0:
                    depth -= 1
                elif depth == 0 and x in (",", ")"):
                    if len(item) == 1 and toks[item[0]][0] in ("id", "qid"):
                        typeless.add(item[0])
                    item = []
                    if x == ")":
                        break
                    continue
                item.append(sig[b])
    nsub = 0
    for j, t in enumerate(toks):
        if j in typeless:
            out.append(t[1] + " text")
            continue
        if j in nulls_after:
            k0 = t[1]
            out.append(k0)
            prevw = [toks[i][1].lower() for i in sig if i <= j][-3:]
            if "nulls" not in prevw[-2:] and prevw[-1] not in ("first", "last"):
                out.append(" nulls last" if prevw[-1] == "desc" else " nulls first")
            elif prevw[-1] in ("first", "last"):
                pass
            continue
        if j in skip:
            continue
        k, text = t[0], t[1]
        low = text.lower()
        if j in alias_after:
            nsub += 1
            out.append(") as sqlite_subquery_%d" % nsub)
            continue
        if k == "id" and low == "blob" and out and out[-1].strip() == "" and len(out) > 1 and out[-2].lower() == "as":
            out.append("bytea")
            continue
        if k == "id" and low in ("json_object", "json_array") and j in nxt and toks[nxt[j]][1] == "(":
            out.append("json_build_object" if low == "json_object" else "json_build_array")
        elif (k == "id" and low == "not" and j in nxt and toks[nxt[j]][1].lower() == "glob"
              and nxt[j] in nxt and toks[nxt[nxt[j]]][0] == "str"):
            neg = True
        elif k == "id" and low == "glob" and j in nxt and toks[nxt[j]][0] == "str":
            s = nxt[j]
            pat = toks[s][1][1:-1].replace("''", "'")
            out.append(("!~ " if neg else "~ ") + "'" + glob_to_regex(pat).replace("'", "''") + "'")
            skip.update(range(j + 1, s + 1))
            neg = False
        elif k == "op" and text == "==":
            out.append("=")
        elif k == "id" and low == "x" and j + 1 < len(toks) and toks[j + 1][0] == "str":
            out.append("'\\x" + toks[j + 1][1][1:-1] + "'::bytea")
            skip.add(j + 1)
        elif k == "id" and low == "char" and j in nxt and toks[nxt[j]][1] == "(":
            out.append("sqlite_compat.char")
        elif k == "id" and low == "is" and j in nxt:
            a = toks[nxt[j]][1].lower()
            b = toks[nxt[nxt[j]]][1].lower() if nxt[j] in nxt else ""
            if a == "not" and b not in ("null", "true", "false", "distinct"):
                out.append("is distinct from")
                skip.update(range(j + 1, nxt[j] + 1))
            elif a not in ("not", "null", "true", "false", "distinct"):
                out.append("is not distinct from")
            else:
                out.append(text)
        else:
            out.append(text)
    return "".join(out)


def column_names(stmt):
    """The sqlite3 shell's names for the result columns of a SELECT (None where the name is the
    column's own, as PostgreSQL says it; None for the whole list when it has a `*`)."""
    toks = [t for t in tokens(stmt) if t[0] not in ("ws", "comment")]
    i = 0
    if toks and toks[0][1].lower() == "with":
        i = 1
        depth = 0
        while i < len(toks):
            x = toks[i][1]
            if x == "(":
                depth += 1
            elif x == ")":
                depth -= 1
            elif depth == 0 and x.lower() == "select":
                break
            i += 1
    if i >= len(toks) or toks[i][1].lower() != "select":
        return None
    i += 1
    if i < len(toks) and toks[i][1].lower() in ("distinct", "all"):
        i += 1
    items, cur, depth = [], [], 0
    while i < len(toks):
        k, x = toks[i][0], toks[i][1]
        lx = x.lower()
        if x == "(":
            depth += 1
        elif x == ")":
            depth -= 1
        if depth == 0 and (x == "," or x == ";" or (k == "id" and lx in KEYWORDS_END_LIST)):
            items.append(cur)
            cur = []
            if x != ",":
                break
        else:
            cur.append(toks[i])
        i += 1
    else:
        items.append(cur)
    names = []
    for it in items:
        if not it:
            return None
        if it[-1][1] == "*":
            return None
        if len(it) >= 2 and it[-2][1].lower() == "as" and it[-1][0] in ("id", "qid", "str"):
            a = it[-1][1]
            names.append(a[1:-1] if it[-1][0] != "id" else a)
            continue
        if (len(it) >= 2 and it[-1][0] in ("id", "qid") and it[-1][1].lower() not in NOT_ALIAS
                and (it[-2][0] in ("id", "qid", "str", "num") or it[-2][1] == ")")
                and it[-2][1].lower() not in ("collate",) and it[-2][1].lower() not in NOT_ALIAS):
            a = it[-1][1]
            names.append(a[1:-1] if it[-1][0] == "qid" else a)
            continue
        if len(it) == 1 and it[0][0] in ("id", "qid"):
            names.append(None)
            continue
        if len(it) == 3 and it[0][0] in ("id", "qid") and it[1][1] == "." and it[2][0] in ("id", "qid"):
            names.append(None)
            continue
        names.append(stmt[it[0][2]:it[-1][3]])
    return names


def value_text(v, nullvalue):
    if v is None:
        return nullvalue
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, float):
        s = "%.15g" % v
        return s + ".0" if re.fullmatch(r"-?\d+", s) else s
    if isinstance(v, (bytes, memoryview)):
        return bytes(v).decode("latin-1")
    return str(v)


def main():
    port, case, outpath = sys.argv[1], sys.argv[2], sys.argv[3]
    here = sys.path[0]
    # every value as PostgreSQL prints it, but booleans (1/0) and byte strings
    for oids, name in ((psycopg2.extensions.DATE.values, "D"), ((114, 3802, 199, 3807), "J"),
                       ((1114, 1184, 1083, 1266, 1186, 1700), "T")):
        psycopg2.extensions.register_type(psycopg2.extensions.new_type(tuple(oids), name, lambda s, c: s))
    try:
        admin = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
        admin.autocommit = True
        with admin.cursor() as c:
            c.execute("DROP DATABASE IF EXISTS ords_shared")
            c.execute("CREATE DATABASE ords_shared")
        admin.close()
        conn = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="ords_shared")
        conn.autocommit = True
        with conn.cursor() as c:
            c.execute("SET client_min_messages = warning")
            c.execute("CREATE EXTENSION ords_security_test")
            c.execute("CREATE SCHEMA sqlite_compat")
            c.execute("SET check_function_bodies = off")
            with open(here + "/shared_compat.sql") as f:
                c.execute(f.read())
            c.execute("SET search_path = sqlite_compat, pg_catalog, public, ords_security")
            c.execute("SET statement_timeout = '60s'")
            c.execute("SET TIME ZONE 'UTC'")
    except psycopg2.Error as e:
        print("shared.py: cannot set up the database: %s" % e, file=sys.stderr)
        return 2

    headers, echo, nullvalue = True, True, "NULL"
    out = []
    cur = conn.cursor()

    def run(chunk):
        for stmt in statements(chunk):
            try:
                cur.execute(translate(stmt))
            except psycopg2.Error as e:
                msg = e.diag.message_primary or str(e).strip()
                ours = re.match(r"^\w+: ", msg) is not None  # the extension's errors name their function
                out.append("ERROR: " + msg + (ERR_SUFFIX.get(e.pgcode or "", "") if ours else ""))
                return
            if cur.description is None:
                continue
            rows = cur.fetchall()
            if not rows:
                continue
            if headers:
                names = column_names(stmt)
                pgn = [d.name for d in cur.description]
                if names is None or len(names) != len(pgn):
                    names = [None] * len(pgn)
                out.append("|".join(n if n is not None else p for n, p in zip(names, pgn)))
            for r in rows:
                out.append("|".join(value_text(v, nullvalue) for v in r))

    with open(case, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    buf = None
    for line in lines:
        if buf is None:
            stripped = line.strip()
            if not stripped or all(t[0] in ("ws", "comment") for t in tokens(line)) and \
                    not ("/*" in line and not complete_comment(line)):
                if echo:
                    out.append(line)
                continue
            if stripped.startswith("."):
                if echo:
                    out.append(line)
                args = stripped.split()
                cmd = args[0]
                val = args[1] if len(args) > 1 else ""
                if cmd == ".headers":
                    headers = val == "on"
                elif cmd == ".echo":
                    echo = val == "on"
                elif cmd == ".nullvalue":
                    nullvalue = val
                elif cmd == ".mode" and val == "list":
                    pass
                else:
                    out.append("ERROR: shared.py: %s is not run on PostgreSQL" % cmd)
                continue
            buf = line.lstrip()
        else:
            buf += "\n" + line
        if complete(buf):
            if echo:
                out.append(buf)
            run(buf)
            buf = None
    if buf is not None:
        if echo:
            out.append(buf)
        run(buf + ";")
    conn.close()
    with open(outpath, "w", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in out))
    return 0


def complete_comment(line):
    return all(not (t[0] == "comment" and t[1].startswith("/*") and not t[1].endswith("*/"))
               for t in tokens(line))


if __name__ == "__main__":
    sys.exit(main())
