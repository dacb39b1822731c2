/*
 * core/tagger-file: the name tagger's files, a model and a table of word
 * classes: written atomically, mapped read-only, checked before use.
 *
 * The model file (all numbers little-endian, as written on the machines we
 * build for; a marker in the header refuses the other order):
 *
 *	0	"MQTAGGER"
 *	8	u32 format version (MODEL_VERSION)
 *	12	u32 features version (MQ_TAG_FEATURES_VERSION)
 *	16	u32 labels (MQ_TAG_NLABELS)
 *	20	u32 0x01020304
 *	24	u64 feature slots S
 *	32	u64 lexicon slots L
 *	40	f32 weight scale (a weight is its int16 times the scale)
 *	44	u32 features stored
 *	48	u64 checksum of bytes 64..end
 *	56	u64 file size
 *	64	f32 transitions[(MQ_TAG_NLABELS + 1) * MQ_TAG_NLABELS]
 *	...	f32 the least margin of a name kept (mq_tagger_min_margin), u32 the
 *		mq_classes_id of the word classes learnt with (0: none)
 *	...	S records of 24 bytes: u32 fingerprint (0: empty slot),
 *		i16 weights[MQ_TAG_NLABELS], i16 0
 *	...	u8 tags[S]: the fingerprint's low byte (never 0) or 0 when
 *		the slot is empty; a probe walks these (a few hundred KB,
 *		which stay in the cache) and reads a record only on a match
 *	...	u32 lexicon fingerprints[L]
 *	...	u16 lexicon classes[L]
 * each array starting at a multiple of 8.  Tables are open-addressed: a
 * key's home slot is the low half of its hash scaled to the table size, its
 * fingerprint the high half (never 0), probing forward.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tagger-private.h"
#include "util.h"

#define MODEL_VERSION 2
#define HEADER 64

/* Where key goes in a table of n slots: home slot and fingerprint. */
size_t
tagger_home(uint64_t key, uint64_t n, uint32_t *fp)
{
	*fp = (uint32_t)(key >> 32) | 1;
	return (size_t)(((key & 0xffffffffULL) * n) >> 32);
}

/* The slot of key in fingerprints fp[0..n), or n when it is absent. */
static size_t
find(const uint32_t *fp, uint64_t n, uint64_t key)
{
	uint32_t want;
	size_t i;

	if (n == 0)
		return 0;
	for (i = tagger_home(key, n, &want); fp[i] != 0; i = i + 1 == n ? 0 : i + 1)
		if (fp[i] == want)
			return i;
	return (size_t)n;
}

/* The low byte of a fingerprint, never 0. */
static uint8_t
tag_of(uint32_t fp)
{
	return (uint8_t)(fp & 0xff) ? (uint8_t)(fp & 0xff) : 1;
}

/* The record of key in rec[0..n) with tags tag[0..n), or NULL. */
const Rec *
tagger_find_rec(const Rec *rec, const uint8_t *tag, uint64_t n, uint64_t key)
{
	uint32_t want;
	uint8_t wt;
	size_t i;

	i = tagger_home(key, n, &want);
	for (wt = tag_of(want); tag[i] != 0; i = i + 1 == n ? 0 : i + 1)
		if (tag[i] == wt && rec[i].fp == want)
			return &rec[i];
	return NULL;
}

/* Puts key into rec[0..n) (the table has a free slot); returns its record. */
static Rec *
put_rec(Rec *rec, uint8_t *tag, uint64_t n, uint64_t key)
{
	uint32_t want;
	size_t i;

	for (i = tagger_home(key, n, &want); rec[i].fp != 0 && rec[i].fp != want;
	    i = i + 1 == n ? 0 : i + 1)
		;
	rec[i].fp = want;
	tag[i] = tag_of(want);
	return &rec[i];
}

/* Puts key into fp[0..n) (the table has a free slot); returns its slot. */
static size_t
put(uint32_t *fp, uint64_t n, uint64_t key)
{
	uint32_t want;
	size_t i;

	for (i = tagger_home(key, n, &want); fp[i] != 0 && fp[i] != want;
	    i = i + 1 == n ? 0 : i + 1)
		;
	fp[i] = want;
	return i;
}

static uint64_t
checksum(const unsigned char *p, size_t n)
{
	uint64_t h = 0x6d617161ULL, v;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&v, p + i, 8);
		h = (h ^ mix(v + i)) * MQ_FNV_PRIME;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * MQ_FNV_PRIME;
	return mix(h ^ n);
}

static size_t
align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Offsets of the arrays in a model with s feature slots, l lexicon slots. */
static void
layout(uint64_t s, uint64_t l, size_t *fp, size_t *w, size_t *lex, size_t *cls,
    size_t *end)
{
	*fp = align8(HEADER + (NTRANS + 2) * sizeof(float));
	*w = align8(*fp + s * sizeof(Rec));	/* the tags */
	*lex = align8(*w + s);
	*cls = align8(*lex + l * sizeof(uint32_t));
	*end = align8(*cls + l * sizeof(uint16_t));
}

static void
put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void
put64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

/* Writes buf[0..len) to path atomically (a temporary file renamed over it). */
static bool
write_atomic(const char *path, const unsigned char *buf, size_t len, char **err)
{
	size_t done;
	char *tmp;
	int fd;
	bool ok;

	if ((tmp = mq_format("%s.XXXXXX", path)) == NULL) {
		mq_set_error(err, "%s: out of memory", path);
		return false;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		mq_set_error(err, "%s: %s", path, strerror(errno));
		free(tmp);
		return false;
	}
	for (done = 0; done < len;) {
		ssize_t k = write(fd, buf + done, len - done);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	ok = done == len && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (ok && rename(tmp, path) != 0)
		ok = false;
	if (!ok) {
		mq_set_error(err, "%s: %s", path, strerror(errno ? errno : EIO));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

bool
mq_tagger_write(const MqTagModelSpec *spec, const char *path, char **err)
{
	/* half full: a word the model lacks ends its probe soon */
	uint64_t s = spec->nfeat * 2 + 1, l = spec->nlex * 2 + 1;
	size_t ofp, ow, olex, ocls, end, i, j;
	unsigned char *buf;
	uint32_t *lex;
	uint16_t *cls;
	uint8_t *tag;
	Rec *rec;
	float maxw = 0, scale;
	bool ok;

	for (i = 0; i < spec->nfeat * MQ_TAG_NLABELS; i++)
		if (fabsf(spec->weights[i]) > maxw)
			maxw = fabsf(spec->weights[i]);
	scale = maxw > 0 ? maxw / 32767.0f : 1.0f;
	layout(s, l, &ofp, &ow, &olex, &ocls, &end);
	if ((buf = calloc(1, end)) == NULL) {
		mq_set_error(err, "%s: out of memory", path);
		return false;
	}
	rec = (Rec *)(void *)(buf + ofp);
	tag = buf + ow;
	lex = (uint32_t *)(void *)(buf + olex);
	cls = (uint16_t *)(void *)(buf + ocls);
	memcpy(buf, "MQTAGGER", 8);
	put32(buf + 8, MODEL_VERSION);
	put32(buf + 12, MQ_TAG_FEATURES_VERSION);
	put32(buf + 16, MQ_TAG_NLABELS);
	put32(buf + 20, 0x01020304);
	put64(buf + 24, s);
	put64(buf + 32, l);
	memcpy(buf + 40, &scale, 4);
	put32(buf + 44, (uint32_t)spec->nfeat);
	put64(buf + 56, end);
	memcpy(buf + HEADER, spec->trans, NTRANS * sizeof(float));
	memcpy(buf + HEADER + NTRANS * sizeof(float), &spec->min_margin, sizeof(float));
	put32(buf + HEADER + (NTRANS + 1) * sizeof(float), spec->classes);
	for (i = 0; i < spec->nfeat; i++) {
		Rec *r = put_rec(rec, tag, s, spec->keys[i]);

		for (j = 0; j < MQ_TAG_NLABELS; j++)
			r->w[j] = (int16_t)lrintf(spec->weights[i * MQ_TAG_NLABELS + j] / scale);
	}
	for (i = 0; i < spec->nlex; i++)
		cls[put(lex, l, spec->lex[i])] = spec->lexcls[i];
	put64(buf + 48, checksum(buf + HEADER, end - HEADER));

	ok = write_atomic(path, buf, end, err);
	free(buf);
	return ok;
}

static uint32_t
get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* Checks the mapped model file and fills in t; NULL when fine, or why not. */
static const char *
check(MqTagger *t)
{
	const unsigned char *m = t->map;
	uint64_t s, l;
	size_t ofp, ow, olex, ocls, end, i;

	if (t->size < HEADER || memcmp(m, "MQTAGGER", 8) != 0)
		return "not a maqal model";
	if (get32(m + 20) != 0x01020304)
		return "model written with the other byte order";
	if (get32(m + 8) != MODEL_VERSION)
		return "model format of another maqal version";
	if (get32(m + 12) != MQ_TAG_FEATURES_VERSION)
		return "model made for other features (retrain it: make model, make names-en-model)";
	if (get32(m + 16) != MQ_TAG_NLABELS)
		return "model with other labels";
	s = get64(m + 24);
	l = get64(m + 32);
	if (s == 0 || s > (1ULL << 32) || l == 0 || l > (1ULL << 32))
		return "damaged model (table sizes)";
	layout(s, l, &ofp, &ow, &olex, &ocls, &end);
	if (get64(m + 56) != t->size || end != t->size)
		return "damaged model (truncated or padded)";
	if (checksum(m + HEADER, t->size - HEADER) != get64(m + 48))
		return "damaged model (checksum)";
	t->sum = get64(m + 48);
	t->key = t->sum | 1;
	memcpy(&t->scale, m + 40, 4);
	if (!isfinite(t->scale) || t->scale <= 0)
		return "damaged model (scale)";
	t->trans = (const float *)(const void *)(m + HEADER);
	t->rec = (const Rec *)(const void *)(m + ofp);
	t->tag = m + ow;
	t->lex = (const uint32_t *)(const void *)(m + olex);
	t->lexcls = (const uint16_t *)(const void *)(m + ocls);
	t->nslot = s;
	t->nlex = l;
	for (i = 0; i < NTRANS; i++)
		if (!isfinite(t->trans[i]))
			return "damaged model (transitions)";
	memcpy(&t->min_margin, m + HEADER + NTRANS * sizeof(float), sizeof(float));
	if (!isfinite(t->min_margin))
		return "damaged model (margin)";
	t->classes_id = get32(m + HEADER + (NTRANS + 1) * sizeof(float));
	/* a probe ends at an empty slot: a full table would never end one */
	if (memchr(t->tag, 0, s) == NULL)
		return "damaged model (feature table full)";
	for (i = 0; i < l && t->lex[i] != 0; i++)
		;
	if (i == l)
		return "damaged model (lexicon full)";
	return NULL;
}

/*
 * Maps the regular file at path read-only; at least min bytes, else *err
 * says "not a maqal WHAT".  Returns NULL with *err set ("PATH: why").
 */
static void *
map_file(const char *path, size_t min, const char *what, size_t *size, char **err)
{
	struct stat st;
	void *map;
	int fd;

	/* O_NONBLOCK: a FIFO named as the file must not block open() */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0) {
		mq_set_error(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size < min) {
		if (S_ISDIR(st.st_mode))
			mq_set_error(err, "%s: is a directory", path);
		else if (!S_ISREG(st.st_mode))
			mq_set_error(err, "%s: not a regular file", path);
		else
			mq_set_error(err, "%s: not a maqal %s", path, what);
		close(fd);
		return NULL;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		mq_set_error(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	*size = (size_t)st.st_size;
	return map;
}

MqTagger *
mq_tagger_load(const char *path, char **err)
{
	MqTagger *t;
	const char *why;
	size_t size;
	void *map;

	if ((map = map_file(path, HEADER, "model", &size, err)) == NULL)
		return NULL;
	if ((t = calloc(1, sizeof *t)) == NULL) {
		munmap(map, size);
		mq_set_error(err, "%s: out of memory", path);
		return NULL;
	}
	t->map = map;
	t->size = size;
	if ((why = check(t)) != NULL) {
		mq_set_error(err, "%s: %s", path, why);
		mq_tagger_free(t);
		return NULL;
	}
	return t;
}

void
mq_tagger_free(MqTagger *t)
{
	if (t == NULL)
		return;
	munmap((void *)(uintptr_t)t->map, t->size);
	free(t);
}

size_t
mq_tagger_size(const MqTagger *t)
{
	return t->size;
}

float
mq_tagger_weight(const MqTagger *t, uint64_t key, uint8_t label)
{
	const Rec *r = tagger_find_rec(t->rec, t->tag, t->nslot, key);

	if (r == NULL || label >= MQ_TAG_NLABELS)
		return 0;
	return r->w[label] * t->scale;
}

uint16_t
mq_tagger_lex(const MqTagger *t, uint64_t h)
{
	size_t i = find(t->lex, t->nlex, h);

	return i == t->nlex ? 0 : t->lexcls[i];
}

bool
mq_tagger_known(const MqTagger *t, uint64_t h)
{
	return (mq_tagger_lex(t, h) & 0xff) != 0;	/* seen in a name */
}

/* ------------------------------------------------------------------ */
/* Word classes
 *
 * The file (little-endian, like a model):
 *	0	"MQCLASSE"
 *	8	u32 format version (CLASSES_VERSION)
 *	12	u32 0x01020304
 *	16	u64 slots L
 *	24	u64 checksum of bytes 40..end
 *	32	u64 file size
 *	40	u32 fingerprints[L] (0: empty), then u16 classes[L], from 8-byte
 *		boundaries; open addressing as in the model's tables
 */

#define CLASSES_VERSION 1
#define CLASSES_HEADER 40

static void
classes_layout(uint64_t l, size_t *cls, size_t *end)
{
	*cls = align8(CLASSES_HEADER + l * sizeof(uint32_t));
	*end = align8(*cls + l * sizeof(uint16_t));
}

bool
mq_classes_write(const uint64_t *keys, const uint16_t *cls, size_t n,
    const char *path, char **err)
{
	uint64_t l = n * 2 + 1;
	size_t ocls, end, i;
	unsigned char *buf;
	uint32_t *fp;
	uint16_t *out;
	bool ok;

	classes_layout(l, &ocls, &end);
	if ((buf = calloc(1, end)) == NULL) {
		mq_set_error(err, "%s: out of memory", path);
		return false;
	}
	fp = (uint32_t *)(void *)(buf + CLASSES_HEADER);
	out = (uint16_t *)(void *)(buf + ocls);
	memcpy(buf, "MQCLASSE", 8);
	put32(buf + 8, CLASSES_VERSION);
	put32(buf + 12, 0x01020304);
	put64(buf + 16, l);
	put64(buf + 32, end);
	for (i = 0; i < n; i++)
		out[put(fp, l, keys[i])] = cls[i];
	put64(buf + 24, checksum(buf + CLASSES_HEADER, end - CLASSES_HEADER));
	ok = write_atomic(path, buf, end, err);
	free(buf);
	return ok;
}

MqWordClasses *
mq_classes_load(const char *path, char **err)
{
	MqWordClasses *c;
	const unsigned char *m;
	const char *why = NULL;
	size_t ocls, end, i, size;
	void *map;
	uint64_t l;

	if ((map = map_file(path, CLASSES_HEADER, "word-class table", &size, err)) == NULL)
		return NULL;
	m = map;
	l = get64(m + 16);
	if (memcmp(m, "MQCLASSE", 8) != 0)
		why = "not a maqal word-class table";
	else if (get32(m + 12) != 0x01020304)
		why = "word classes written with the other byte order";
	else if (get32(m + 8) != CLASSES_VERSION)
		why = "word classes of another maqal version";
	else if (l == 0 || l > (1ULL << 32))
		why = "damaged word classes (table size)";
	if (why == NULL) {
		classes_layout(l, &ocls, &end);
		if (get64(m + 32) != (uint64_t)size || end != size)
			why = "damaged word classes (truncated or padded)";
		else if (checksum(m + CLASSES_HEADER, end - CLASSES_HEADER) != get64(m + 24))
			why = "damaged word classes (checksum)";
	}
	if (why == NULL) {
		const uint32_t *fp = (const uint32_t *)(const void *)(m + CLASSES_HEADER);

		for (i = 0; i < l && fp[i] != 0; i++)
			;
		if (i == l)
			why = "damaged word classes (table full)";
	}
	if (why != NULL || (c = calloc(1, sizeof *c)) == NULL) {
		mq_set_error(err, "%s: %s", path, why ? why : "out of memory");
		munmap(map, size);
		return NULL;
	}
	c->map = m;
	c->size = size;
	c->nslot = l;
	c->fp = (const uint32_t *)(const void *)(m + CLASSES_HEADER);
	c->cls = (const uint16_t *)(const void *)(m + ocls);
	c->id = (uint32_t)(get64(m + 24) >> 32) | 1;	/* never 0 */
	return c;
}

void
mq_classes_free(MqWordClasses *c)
{
	if (c == NULL)
		return;
	munmap((void *)c->map, c->size);
	free(c);
}

uint32_t
mq_classes_id(const MqWordClasses *c)
{
	return c->id;
}

uint16_t
tagger_class_of(const MqWordClasses *c, uint64_t h)
{
	size_t i = find(c->fp, c->nslot, h);

	return i == c->nslot ? 0 : c->cls[i];
}

void
mq_classes_tag(const MqWordClasses *c, MqTagWord *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		w[i].cls = c != NULL ? tagger_class_of(c, w[i].fold) : 0;
		w[i].clsstem = c != NULL && w[i].stem != w[i].fold ? tagger_class_of(c, w[i].stem) : 0;
	}
}
