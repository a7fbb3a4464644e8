# Generates regress/sql/12x_plsql_*.sql from the scripts below (kept in the test files as written).
import sys
def q(s): return "'" + s.replace("'", "''") + "'"
def run(script, masks=(), secret_lines=()):
    """One script: output into temp table o, then print it with random values masked."""
    out = "drop table if exists o;\ncreate temp table o as select ords_plsql(" + q(script) + ") as t;\n"
    expr = "t"
    for (what, label) in masks:
        expr = "replace(%s, coalesce((%s), '<none>'), '%s')" % (expr, what, label)
    for label in secret_lines:
        # the 24-character secret after LABEL is masked; its length and format are asserted
        expr = ("(case when instr(%s, '%s') > 0 then substr(%s, 1, instr(%s, '%s') + %d) || '<24-character secret>' || "
                "substr(%s, instr(%s, '%s') + %d + 24) else %s end)") % (expr, label, expr, expr, label, len(label) - 1,
                                                                  expr, expr, label, len(label), expr)
    out += "select %s as output from o;\n" % expr
    for label in secret_lines:
        out += ("select length(substr(t, instr(t, '%s') + %d, 24)) = 24 and substr(t, instr(t, '%s') + %d + 22, 2) = '..' as secret_is_ords_format from o;\n"
                % (label, len(label), label, len(label)))
    return out
