/*
 * core/text: an article's bytes and their decoding into characters.
 *
 * An MqText holds the file's bytes, never written back: a regular file of
 * 1 MiB or more is mapped read-only (private; a file truncated under the
 * reader shows its lost part as NULs, see mq_text_fault), anything smaller,
 * a pipe or memory is copied.  Nothing is decoded up front: callers ask for a byte range (a
 * paragraph) and get its characters as Unicode code points, each with the
 * byte offset in the file of the text it came from.  Every later stage
 * (layout cells, sections, entities, matches) speaks in those offsets, so
 * what decoding changes (invalid bytes, NFC, controls, tabs) still maps back
 * to the exact bytes of the file.
 *
 * Decoding rules, in order:
 *   - invalid UTF-8 becomes U+FFFD, one per maximal invalid subpart (the
 *     Unicode "best practice" that ICU and browsers follow);
 *   - a UTF-8 BOM at the start of the file is skipped;
 *   - CR LF, CR and LF inside a range join lines with one space, and the
 *     indentation of the joined line is dropped (the range is a paragraph);
 *   - a tab becomes spaces to the next multiple of MQ_TAB_WIDTH;
 *   - other C0 controls, DEL and C1 controls become visible placeholders
 *     (U+2400..U+2421 "control pictures"; U+FFFD for C1), so no byte of the
 *     file can reach a terminal as a control;
 *   - the result is normalized to NFC.
 */
#ifndef MQ_TEXT_H
#define MQ_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unicode/umachine.h>

#define MQ_WARN_UNUSED __attribute__((warn_unused_result))
#define MQ_TAB_WIDTH 8

/* A half-open range of byte offsets into the file. */
typedef struct MqSpan {
	size_t start, end;
} MqSpan;

typedef struct MqText MqText;

/* A base direction. */
typedef enum MqDir {
	MQ_DIR_LTR,
	MQ_DIR_RTL
} MqDir;

/* Style bits a character can carry (Markdown emphasis; later highlights). */
#define MQ_STYLE_BOLD 1
#define MQ_STYLE_ITALIC 2
#define MQ_STYLE_CODE 4
#define MQ_STYLE_LINK 8

/*
 * Decoded characters: cp[i] came from the file bytes starting at off[i]
 * and is drawn with style[i] (MQ_STYLE_* bits, 0 for plain).  off has
 * len + 1 entries; off[len] is the end of the decoded range.  The caller
 * owns the struct; mq_chars_free releases the arrays.
 */
typedef struct MqChars {
	uint32_t *cp;
	size_t *off;
	uint8_t *style;
	size_t len, cap;
} MqChars;

/*
 * Reads a file.  Returns NULL with *err set (a one-line message naming the
 * file, for the caller to free) for a missing or unreadable file, a
 * directory, UTF-16 text, or a file that is mostly binary.
 */
MqText *mq_text_open_file(const char *path, char **err) MQ_WARN_UNUSED;

/*
 * Like mq_text_open_file, for files maqal reads on its own (a user's
 * lists): anything but a regular file (a FIFO, a device) is refused with
 * "not a regular file" instead of read, so it can never block or run on.
 */
MqText *mq_text_open_regular(const char *path, char **err) MQ_WARN_UNUSED;

/*
 * Reads a file descriptor (standard input, a pipe, a device) to its end, or
 * to MQ_TEXT_STREAM_MAX bytes, leaving the rest unread (mq_text_was_cut);
 * a regular file of 1 MiB or more is mapped instead, whole.  A
 * stream whose first 64 KiB are not text is refused without reading on.
 * name is for messages.
 */
#define MQ_TEXT_STREAM_MAX ((size_t)128 << 20)
MqText *mq_text_read_fd(int fd, const char *name, char **err) MQ_WARN_UNUSED;

/* True when a stream went on past MQ_TEXT_STREAM_MAX bytes, which were kept. */
bool mq_text_was_cut(const MqText *t);

/* Copies len bytes from memory (the built-in tour, tests). */
MqText *mq_text_new_from_memory(const char *name, const char *bytes,
    size_t len, char **err) MQ_WARN_UNUSED;

/* Frees the text; NULL is a no-op. */
void mq_text_free(MqText *t);

/*
 * For a SIGBUS handler (async-signal-safe): if addr lies in a mapped text
 * (its file was truncated under us), maps zero pages over the rest of it
 * and returns true, so the access can be retried; false otherwise.
 */
bool mq_text_fault(const void *addr);

/* True once mq_text_fault has recovered a text (the file shrank). */
bool mq_text_shrank(void);

/*
 * The name given at opening, as it may be shown (mq_visible_string: no
 * control or bidi control in it); valid while t lives.
 */
const char *mq_text_name(const MqText *t);

/* The file's bytes (not NUL-terminated) and their number; valid while t lives. */
const char *mq_text_bytes(const MqText *t);
size_t mq_text_size(const MqText *t);

/*
 * Offset of the first byte of content: after a UTF-8 BOM, and after the
 * metadata header of an OpenITI text (a first line "######OpenITI#", a
 * header ending with the line "#META#Header#End#"); else 0.
 */
size_t mq_text_content_start(const MqText *t);

/* The 1-based line number of the content's first line (1 but after a header). */
unsigned mq_text_content_line(const MqText *t);

/*
 * The article's dominant direction: right-to-left when its first 64 KiB
 * hold more right-to-left letters than left-to-right ones.  Computed once.
 */
MqDir mq_text_direction(MqText *t);

/* Counts the invalid UTF-8 sequences (each replaced by one U+FFFD) in a range. */
size_t mq_text_count_invalid(const MqText *t, size_t start, size_t end);

/*
 * Decodes bytes [start, end) into out (its previous contents are replaced),
 * following the rules at the top of this file.  Returns false only when
 * memory runs out.
 */
bool mq_text_decode(const MqText *t, size_t start, size_t end, MqChars *out)
    MQ_WARN_UNUSED;

/* Like mq_text_decode, but keeps each line's indentation (code). */
bool mq_text_decode_verbatim(const MqText *t, size_t start, size_t end,
    MqChars *out) MQ_WARN_UNUSED;

/* Decodes a UTF-8 buffer whose offsets start at base (used by tests). */
bool mq_chars_decode_utf8(const char *s, size_t len, size_t base, MqChars *out)
    MQ_WARN_UNUSED;

/*
 * Returns c->cp[from, to) as a new NUL-terminated UTF-8 string (the caller
 * frees it), or NULL when memory runs out.
 */
char *mq_chars_utf8(const MqChars *c, size_t from, size_t to);

/* Appends one code point with its source offset; false when memory runs out. */
bool mq_chars_push(MqChars *c, uint32_t cp, size_t off) MQ_WARN_UNUSED;

/* Empties c, keeping its storage. */
void mq_chars_clear(MqChars *c);

/* Releases c's arrays and zeroes it; c itself is the caller's. */
void mq_chars_free(MqChars *c);

/*
 * c's code points in UTF-16 for ICU's iterators: writes them into u16 (a
 * code point past U+10FFFF as U+FFFD) and, for each UTF-16 unit, the index
 * of its char into to_char, with to_char[n16] = c->len.  u16 has room for
 * 2 * c->len units and to_char for 2 * c->len + 1 (the caller's buffers).
 * Returns n16, the UTF-16 length.
 */
int32_t mq_chars_utf16(const MqChars *c, UChar *u16, int32_t *to_char);

/*
 * Decodes one UTF-8 sequence at s[0..len) (len > 0).  Returns its length in
 * bytes and stores the code point, or U+FFFD with the length of the maximal
 * invalid subpart.
 */
size_t mq_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/*
 * The visible stand-in for a control character (C0, DEL, C1), or 0 if cp
 * is not one.
 */
uint32_t mq_control_picture(uint32_t cp);

/*
 * The byte offset of the grapheme cluster boundary after (or before) pos in
 * the UTF-8 string s[0..len): a letter with its marks, an emoji sequence,
 * moves as one.  len (or 0) when there is none.
 */
size_t mq_utf8_next_grapheme(const char *s, size_t len, size_t pos);
size_t mq_utf8_prev_grapheme(const char *s, size_t len, size_t pos);

/*
 * What becomes of a character when text is written out as data (--outline,
 * --entities, --search, messages), where no layout stands between it and a
 * terminal.  Format characters are dropped: bidi controls (an RLO would
 * reverse the rest of a line on a bidi terminal), tag characters,
 * deprecated and interlinear-annotation controls, invisible operators.
 * Those that carry meaning are kept: ZWNJ and ZWJ (joining, emoji
 * sequences), the Arabic number signs (U+0600-0605, U+06DD: prepended
 * concatenation marks) and the soft hyphen.  U+2028 and U+2029 become a
 * space.  (JSON output escapes them instead, so no data is lost.)
 */
typedef enum MqOutClass {
	MQ_OUT_KEEP,
	MQ_OUT_DROP,
	MQ_OUT_SPACE
} MqOutClass;
MqOutClass mq_out_class(uint32_t cp);

/*
 * Makes the UTF-8 string s[0..len) safe to write out, in place, following
 * mq_out_class (decoded text has no raw controls left).  Returns the new
 * length; s[len] is set to NUL.
 */
size_t mq_utf8_clean(char *s, size_t len);

/*
 * s (a file name, a message with one in it) as it may be shown: invalid
 * UTF-8 as U+FFFD, controls as their pictures (ESC as ␛), then
 * mq_utf8_clean.  Returns a new string (the caller frees), or NULL when
 * memory runs out.
 */
char *mq_visible_string(const char *s);

/* Encodes cp into buf (at least 4 bytes); returns the number of bytes. */
size_t mq_utf8_encode(uint32_t cp, char *buf);

#endif
