# report.awk: the data race reports on a race detector's stderr (Go's
# `-race` binaries and `hchanviz run --race` print the same shape), one
# line per report:
#
#   race FUNC1:LINE1 FUNC2:LINE2
#
# access 1 is the one that found the race ("Read at" / "Write at"), access
# 2 the earlier one ("Previous read at" / "Previous write at"); FUNC is the
# function of the access's top frame (runtime.chansend, main.main.func1,
# main.(*T).m) and LINE the line of its first frame in the program's file
# (-v file=NAME.go).  Then "found N" from "Found N data race(s)" (0 if none).
function flush() {
    if (fn[1] != "" && fn[2] != "") print "race " fn[1] ":" ln[1] " " fn[2] ":" ln[2]
    fn[1] = fn[2] = ln[1] = ln[2] = ""
    cur = 0
}
BEGIN { found = 0; cur = 0 }
/^==================$/ { flush(); next }
/^(Read|Write) at 0x/ { cur = 1; next }
/^Previous (read|write) at 0x/ { cur = 2; next }
/^Goroutine [0-9]+ / || /^$/ { if (cur) done[cur] = 1; cur = 0; next }
/^Found [0-9]+ data race/ { found = $2; next }
cur && /^  [^ ]/ {
    if (fn[cur] == "") { f = $1; sub(/\([^()]*\)$/, "", f); fn[cur] = f }
    next
}
cur && /^      / {
    if (ln[cur] == "") {
        p = $1
        n = split(p, parts, ":")
        path = parts[1]
        if (substr(path, length(path) - length(file)) == "/" file) ln[cur] = parts[2]
    }
    next
}
END { flush(); print "found " found }
