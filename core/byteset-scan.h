/*
 * core/byteset-scan: the loops of core/byteset for one vector width,
 * included by byteset.c once for each width it builds (16 bytes, and 32
 * for a processor with AVX2), with
 *	SCAN_VLEN	the vector's bytes,
 *	SCAN(x)		x's name for this width,
 *	SCAN_ATTR	what the functions are compiled for (the target),
 *	SCAN_BITS(m)	a bit a lane of mask m, lane 0 the lowest.
 * The comparisons are GCC vector extensions.
 */

typedef unsigned char SCAN(Vec) __attribute__((vector_size(SCAN_VLEN)));
#if SCAN_VLEN != 16
typedef signed char SCAN(Mask) __attribute__((vector_size(SCAN_VLEN)));
#endif

/*
 * The bytes of a set among SCAN_VLEN bytes at p, a nonzero lane for each:
 * a byte c is in range k when c - lo[k] (wrapping) is at most hi[k] - lo[k].
 */
SCAN_ATTR static inline SCAN(Mask)
SCAN(match)(const unsigned char *p, const SCAN(Vec) *lo, const SCAN(Vec) *width,
    unsigned n)
{
	SCAN(Vec) v;
	SCAN(Mask) m = { 0 };
	unsigned k;

	memcpy(&v, p, SCAN_VLEN);
	for (k = 0; k < n; k++)
		m |= (SCAN(Mask))((SCAN(Vec))(v - lo[k]) <= width[k]);
	return m;
}

/* mq_byteset_find, for a set of more than one byte. */
SCAN_ATTR static size_t
SCAN(find)(const MqByteSet *set, const unsigned char *p, size_t from, size_t to)
{
	SCAN(Vec) lo[MQ_BYTESET_MAX], width[MQ_BYTESET_MAX];
	unsigned k, n = set->n;
	uint64_t b0, b1;
	size_t i = from;

	for (k = 0; k < n; k++) {
		lo[k] = (SCAN(Vec)){ 0 } + set->lo[k];
		width[k] = (SCAN(Vec)){ 0 } + (unsigned char)(set->hi[k] - set->lo[k]);
	}
	for (; i + 4 * SCAN_VLEN <= to; i += 4 * SCAN_VLEN) {
		SCAN(Mask) m0 = SCAN(match)(p + i, lo, width, n);
		SCAN(Mask) m1 = SCAN(match)(p + i + SCAN_VLEN, lo, width, n);
		SCAN(Mask) m2 = SCAN(match)(p + i + 2 * SCAN_VLEN, lo, width, n);
		SCAN(Mask) m3 = SCAN(match)(p + i + 3 * SCAN_VLEN, lo, width, n);

		if (SCAN_BITS(m0 | m1 | m2 | m3) == 0)
			continue;
		b0 = (uint64_t)SCAN_BITS(m0) | (uint64_t)SCAN_BITS(m1) << SCAN_VLEN;
		if (b0 != 0)
			return i + (size_t)__builtin_ctzll(b0);
		b1 = (uint64_t)SCAN_BITS(m2) | (uint64_t)SCAN_BITS(m3) << SCAN_VLEN;
		return i + 2 * SCAN_VLEN + (size_t)__builtin_ctzll(b1);
	}
	for (; i < to; i++)
		if (set->in[p[i]])
			return i;
	return to;
}

/* mq_pair_find. */
SCAN_ATTR static size_t
SCAN(pair)(const unsigned char *p, size_t size, size_t from, size_t to,
    unsigned char b0, size_t d, unsigned char b1, MqPairOk ok, const void *arg,
    const MqByteSet *also)
{
	SCAN(Vec) first = (SCAN(Vec)){ 0 } + b0, second = (SCAN(Vec)){ 0 } + b1;
	SCAN(Vec) lo[MQ_BYTESET_MAX], width[MQ_BYTESET_MAX], v0, v1, w0, w1;
	unsigned k, n = also != NULL ? also->n : 0;
	size_t end = size <= d ? 0 : to > size - d ? size - d : to, i = from, lane;

	for (k = 0; k < n; k++) {
		lo[k] = (SCAN(Vec)){ 0 } + also->lo[k];
		width[k] = (SCAN(Vec)){ 0 } + (unsigned char)(also->hi[k] - also->lo[k]);
	}
	/* (p[i + 2 * SCAN_VLEN - 1 + d], the last byte read, is before p[end + d] <= p[size]) */
	for (; i + 2 * SCAN_VLEN <= end; i += 2 * SCAN_VLEN) {
		uint64_t hits, set;

		memcpy(&v0, p + i, SCAN_VLEN);
		memcpy(&v1, p + i + d, SCAN_VLEN);
		memcpy(&w0, p + i + SCAN_VLEN, SCAN_VLEN);
		memcpy(&w1, p + i + SCAN_VLEN + d, SCAN_VLEN);
		set = (uint64_t)SCAN_BITS(SCAN(match)(p + i, lo, width, n)) |
		    (uint64_t)SCAN_BITS(SCAN(match)(p + i + SCAN_VLEN, lo, width, n)) << SCAN_VLEN;
		hits = set | (uint64_t)SCAN_BITS((SCAN(Mask))(v0 == first) &
		    (SCAN(Mask))(v1 == second)) | (uint64_t)SCAN_BITS((SCAN(Mask))(w0 == first) &
		    (SCAN(Mask))(w1 == second)) << SCAN_VLEN;
		/* the places in order, a pair asked about until one will do */
		for (; hits != 0; hits &= hits - 1) {
			lane = (size_t)__builtin_ctzll(hits);
			if (((set >> lane) & 1) || ok == NULL || ok(arg, i + lane))
				return i + lane;
		}
	}
	for (; i < to; i++)
		if ((also != NULL && also->in[p[i]]) || (i + d < size && p[i] == b0 &&
		    p[i + d] == b1 && (ok == NULL || ok(arg, i))))
			return i;
	return to;
}

/* mq_byte_count_range. */
SCAN_ATTR static size_t
SCAN(count)(const unsigned char *p, size_t n, unsigned char lo, unsigned char hi)
{
	SCAN(Vec) base = (SCAN(Vec)){ 0 } + lo, v, acc;
	SCAN(Vec) width = (SCAN(Vec)){ 0 } + (unsigned char)(hi - lo);
	size_t i = 0, total = 0, k, round;

	while (i + SCAN_VLEN <= n) {
		/* a lane counts to 255 at most before it is added up */
		acc = (SCAN(Vec)){ 0 };
		for (round = 0; round < 255 && i + SCAN_VLEN <= n; round++, i += SCAN_VLEN) {
			memcpy(&v, p + i, SCAN_VLEN);
			acc -= (SCAN(Vec))((SCAN(Vec))(v - base) <= width);	/* a match is -1 */
		}
		for (k = 0; k < SCAN_VLEN; k++)
			total += acc[k];
	}
	for (; i < n; i++)
		total += p[i] >= lo && p[i] <= hi;
	return total;
}
