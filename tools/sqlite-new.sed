# sqlite-new.sed: where the sqlite3 SHELL of SQLite 3.44 and later prints differently from the
# 3.40 shell the regress suite was written on (tools/sqlite-new.sh applies these to its copy of
# regress/ only). Nothing here touches what the extension answers. Lines starting "OUT: " are
# added to normalize.sed (applied to the new shell's output), "EXPECTED: " are applied to the
# expected files. The sql files' `.mode list` becomes `.mode list -null NULL` in the copy: since
# 3.52 `.mode` resets `.nullvalue`, and the tests set `.nullvalue NULL` once at the start.
#
# The new shell says "Error near line N:" (run.sh's normalize.sed knows three older prefixes).
OUT: s/^Error near line [0-9]+: /ERROR: /
# ... and echoes the copy's `.mode list -null NULL` as written: show it as the original line.
OUT: s/^\.mode list -null NULL$/.mode list/
# The 3.40 shell appends the extended result code to an error that is not plain SQLITE_ERROR
# ("... already exists (19)"); the new one does not. The code itself is pinned by the 3.40 run.
EXPECTED: s/^(ERROR: .*) \([0-9]+\)$/\1/
# `.limits length N` printed the new limit in 3.40 ("              length 150"); now it is silent.
EXPECTED: /^ +length [0-9]+$/d
