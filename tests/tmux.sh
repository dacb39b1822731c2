# tests/tmux.sh: drives maqal in tmux for the UI tests.  Source it after
# lib.sh: start a session of fixed size, type with "tm send-keys -t t",
# read with screen/rows/status, and wait by polling (nothing sleeps blind).
command -v tmux > /dev/null || skip_all "tmux is not installed (apt-get install tmux)"
MAQAL=$(cd "$(dirname "$MAQAL")" && pwd)/$(basename "$MAQAL")

nsock=0
sock="maqal-test-$$-0"
tm() { tmux -L "$sock" "$@" 2>/dev/null; }
# The commands start runs, each in a file of its own outside the scratch
# folder (which tests list), so that the shell echoes only ". FILE": a
# wait for text of the command line cannot be met by its echo.
runs=$(mktemp -d "${TMPDIR:-/tmp}/maqal-run.XXXXXX")
# kill_tree PID: SIGKILL to each of PID's descendants, the deepest first.
kill_tree() {
	for child in $(pgrep -P "$1"); do
		kill_tree "$child"
		kill -KILL "$child" 2> /dev/null
	done
}
# end_session: ends the session, killing what still runs in it first: a
# program the hangup reaches while it exits under the sanitizers' leak
# check can spin there instead of dying, long after the test.
end_session() {
	for pid in $(tm list-panes -a -F '#{pane_pid}'); do
		kill_tree "$pid"
	done
	tm kill-server
}
trap 'end_session; rm -rf "$scratch" "$runs"' EXIT
screen() { tm capture-pane -p -t t "$@"; }

# poll_screen SECONDS PATTERN: polls the screen until grep finds PATTERN,
# for SECONDS at most (or until the session is gone); false if it never does.
poll_screen() {
	i=0
	while [ $i -lt $(($1 * 20)) ]; do
		screen | grep -q -- "$2" && return 0
		tm has-session -t t || break
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
# wait_for PATTERN: polls the screen until grep finds PATTERN (5 s at most).
wait_for() {
	poll_screen 5 "$1" && return 0
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
	end_session
	nsock=$((nsock + 1))
	sock="maqal-test-$$-$nsock"
	tm -f /dev/null new-session -d -s t -x "$1" -y "$2" "sh"
	tm set-option -t t status off
	tm set-option -t t remain-on-exit on
	shift 2
	printf '%s\n' "cd '$scratch' && PS1='$ ' $*" > "$runs/$nsock"
	tm send-keys -t t ". $runs/$nsock" Enter
}
# pane_title: the title of the pane (what an OSC 0 in the output would set).
pane_title() { tm display-message -p -t t '#{pane_title}'; }
# title_kept DESCRIPTION: passes when nothing retitled the pane to PWNED.
title_kept() {
	case "$(pane_title)" in
	*PWNED*) ok 1 "$1 ($(pane_title))" ;;
	*) ok 0 "$1" ;;
	esac
}
# rows N: the first N rows of the screen, trailing spaces dropped.
rows() { screen | head -n "$1" | sed 's/ *$//'; }
# status: the status (last) row.
status() { screen | tail -n 1; }
# drawn_with CODE: the text drawn with SGR attribute CODE (7 reverse video,
# 30-37 a colour, 40-47 a background colour) on each row, one line per row, separate
# stretches joined by '|', read from the SGR codes capture-pane -e keeps;
# rows with none print an empty line.  (tmux carries attributes over to
# the next row.)
drawn_with() {
	screen -e | awk -v want="$1" 'BEGIN { on = 0; fam = substr(want, 1, 1) } {
		out = ""; s = $0
		while (s != "") {
			if (substr(s, 1, 2) == "\033[" && (i = index(s, "m")) > 0) {
				p = substr(s, 3, i - 3); s = substr(s, i + 1)
				n = split(p, a, ";")
				if (n == 0) on = 0
				for (k = 1; k <= n; k++) {
					c = a[k]
					if (c == "" || c == "0" || (want == 7 && c == "27") ||
					    (want != 7 && (c == fam "9" || (c ~ "^" fam "[0-7]$" && c != want))))
						on = 0
					else if (c == want) {
						if (!on && out != "") out = out "|"
						on = 1
					}
				}
				continue
			}
			if (on) out = out substr(s, 1, 1)
			s = substr(s, 2)
		}
		print out
	}'
}
# reversed: drawn_with 7.
reversed() { drawn_with 7; }
# lit CODE: each stretch drawn with CODE above the status line, one a line.
lit() { drawn_with "$1" | sed '$d' | tr '|' '\n' | grep -v '^$'; }
# visible TEXT: how --dump draws TEXT alone (shaped, in visual order).
visible() { printf '%s\n' "$1" | "$MAQAL" --dump -w 80 | sed 's/^ *//; s/ *$//'; }

