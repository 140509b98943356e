# scripts/lib/record.sh: what the corpus recorders and their checkers share
# (sourced by scripts/record-go-corpus, scripts/record-race-corpus,
# tests/explore/check.sh and tests/race/check.sh), so a record and what it
# is checked against are written the same way.

# escape_stdout FILE: the file's bytes on one line, a backslash written \\,
# a newline \n and a tab \t (a last line without a newline stays so).
escape_stdout() {
    local nl=0
    [ -s "$1" ] && [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] && nl=1
    awk -v nl="$nl" 'BEGIN { ORS = "" }
        { gsub(/\\/, "\\\\"); gsub(/\t/, "\\t"); if (NR > 1) print "\\n"; print }
        END { if (NR > 0 && nl) print "\\n" }' "$1"
}

# outcome_line OUT ERR STATUS: how one run ended, as an explore corpus
# record writes it: "exit=STATUS stdout=ESCAPED stderr=FIRST STDERR LINE".
outcome_line() {
    printf 'exit=%s stdout=%s stderr=%s\n' "$3" "$(escape_stdout "$1")" "$(head -n 1 "$2")"
}

# race_record NAME.go OUT ERR STATUS: the race record of one run (its
# stdout in OUT, its stderr in ERR, its exit status), as
# tests/race/report.awk reads the reports.
race_record() {
    local file=$1 out=$2 err=$3 status=$4 here
    here=$(dirname "${BASH_SOURCE[0]}")
    echo "exit $status"
    echo "stdout $(escape_stdout "$out")"
    awk -v file="$(basename "$file")" -f "$here/../../tests/race/report.awk" "$err"
}
