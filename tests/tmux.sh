# tests/tmux.sh: drives maqal in tmux for the UI tests.  Source it after
# lib.sh: start a session of fixed size, type with "tm send-keys -t t",
# read with screen/rows/status, and wait by polling (nothing sleeps blind).
command -v tmux > /dev/null || skip_all "tmux is not installed (apt-get install tmux)"
MAQAL=$(cd "$(dirname "$MAQAL")" && pwd)/$(basename "$MAQAL")

nsock=0
sock="maqal-test-$$-0"
tm() { tmux -L "$sock" "$@" 2>/dev/null; }
trap 'tm kill-server; rm -rf "$scratch"' EXIT
screen() { tm capture-pane -p -t t "$@"; }

# wait_for PATTERN: polls the screen until grep finds PATTERN (5 s at most).
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen | grep -q -- "$1" && return 0
		tm has-session -t t || break
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for: $1"
	screen | sed 's/^/# | /'
	return 1
}
# wait_status PATTERN: polls the status line until grep finds PATTERN (5 s).
wait_status() {
	i=0
	while [ $i -lt 100 ]; do
		status | grep -q -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# settle: waits until two captures in a row are the same.
settle() {
	prev=""
	i=0
	while [ $i -lt 100 ]; do
		cur=$(screen "$@")
		[ -n "$prev" ] && [ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.05
		i=$((i + 1))
	done
}
# start W H COMMAND: a fresh session running COMMAND in a shell.
start() {
	tm kill-server
	nsock=$((nsock + 1))
	sock="maqal-test-$$-$nsock"
	tm -f /dev/null new-session -d -s t -x "$1" -y "$2" "sh"
	tm set-option -t t status off
	tm set-option -t t remain-on-exit on
	shift 2
	tm send-keys -t t "cd '$scratch' && PS1='$ ' $*" Enter
}
# rows N: the first N rows of the screen, trailing spaces dropped.
rows() { screen | head -n "$1" | sed 's/ *$//'; }
# status: the status (last) row.
status() { screen | tail -n 1; }
# reversed [ROW]: the text drawn in reverse video on each row (or on row
# ROW, 1-based), one line per row, separate stretches joined by '|',
# reading the SGR codes capture-pane -e keeps; rows with none print an
# empty line.  (tmux carries the attributes over to the next row.)
reversed() {
	screen -e | awk -v want="${1:-0}" 'BEGIN { on = 0 } {
		out = ""; s = $0
		while (s != "") {
			if (substr(s, 1, 2) == "\033[") {
				i = index(s, "m"); p = substr(s, 3, i - 3); s = substr(s, i + 1)
				n = split(p, a, ";")
				if (n == 0) on = 0
				for (k = 1; k <= n; k++) {
					if (a[k] == "" || a[k] == "0" || a[k] == "27") on = 0
					else if (a[k] == "7") {
						if (!on && out != "") out = out "|"
						on = 1
					}
				}
				continue
			}
			if (on) out = out substr(s, 1, 1)
			s = substr(s, 2)
		}
		if (want == 0 || NR == want) print out
	}'
}

