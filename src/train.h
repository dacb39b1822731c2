/*
 * src/train: what maqal-train's two trainers (train.c for the name
 * tagger, train-headings.c for the heading model) share.
 */
#ifndef MQ_TRAIN_H
#define MQ_TRAIN_H

#include <stddef.h>

/* Prints "maqal-train: MESSAGE" and exits with status 2. */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* realloc, strdup and mq_grow that die when memory runs out. */
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void grow(void **buf, size_t *cap, size_t need, size_t elem);

/* The number s, from lo to hi, or dies naming the option. */
double number(const char *opt, const char *s, double lo, double hi);

/* maqal-train --headings ARGS: see train-headings.c. */
int mq_train_headings(int argc, char **argv);

/* maqal-train --classes ARGS: see train-classes.c. */
int mq_train_classes(int argc, char **argv);

#endif
